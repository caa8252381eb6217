import type { AddressRequest } from '@pasar/contracts';
import { useT } from '../i18n.ts';
import { Field } from './ui.tsx';

export type AddressDraft = Record<(typeof ADDRESS_FIELDS)[number], string>;
export const ADDRESS_FIELDS = ['recipient', 'line1', 'line2', 'city', 'province', 'postalCode', 'phone'] as const;

export const emptyAddress = (): AddressDraft => ({
  recipient: '',
  line1: '',
  line2: '',
  city: '',
  province: '',
  postalCode: '',
  phone: '',
});

/** The draft as the API takes it: optional fields left empty are left out, so the API's own rules decide. */
export function addressOf(draft: AddressDraft, isDefault = false): AddressRequest {
  const optional = (value: string) => (value.trim() ? value.trim() : undefined);
  return {
    recipient: draft.recipient.trim(),
    line1: draft.line1.trim(),
    line2: optional(draft.line2),
    city: draft.city.trim(),
    province: optional(draft.province),
    postalCode: draft.postalCode.trim(),
    country: 'ID',
    phone: optional(draft.phone),
    isDefault,
  };
}

/** The fields of an address; `errors` are the API's, by field name. */
export function AddressFields({
  idPrefix,
  draft,
  onChange,
  errors,
}: {
  idPrefix: string;
  draft: AddressDraft;
  onChange: (draft: AddressDraft) => void;
  errors: Record<string, string>;
}) {
  const t = useT();
  const field = (
    name: keyof AddressDraft,
    label: string,
    extra: { autoComplete?: string; inputMode?: 'numeric' | 'tel'; required?: boolean } = {},
  ) => (
    <Field
      id={`${idPrefix}-${name}`}
      label={label}
      value={draft[name]}
      onInput={(value) => onChange({ ...draft, [name]: value })}
      error={errors[name]}
      {...extra}
    />
  );
  return (
    <div class="address-fields">
      {field('recipient', t.recipient, { autoComplete: 'name', required: true })}
      {field('line1', t.line1, { autoComplete: 'address-line1', required: true })}
      {field('line2', t.line2, { autoComplete: 'address-line2' })}
      {field('city', t.city, { autoComplete: 'address-level2', required: true })}
      {field('province', t.province, { autoComplete: 'address-level1' })}
      {field('postalCode', t.postalCode, { autoComplete: 'postal-code', inputMode: 'numeric', required: true })}
      {field('phone', t.phone, { autoComplete: 'tel', inputMode: 'tel' })}
    </div>
  );
}
