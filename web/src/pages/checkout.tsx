import type { Address, AddressList, CartView, SavedAddress } from '@pasar/contracts';
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorsFor, get, request } from '../api.ts';
import { loadCart } from '../cart.ts';
import { placeOrder, resumeCheckout } from '../checkout.ts';
import { formatRupiah } from '../format.ts';
import { useT } from '../i18n.ts';
import { navigate } from '../router.ts';
import { endSessionIf401, session } from '../session.ts';
import { useStore } from '../store.ts';
import { useAsync } from '../use-async.ts';
import { ADDRESS_FIELDS, AddressFields, addressOf, emptyAddress, type AddressDraft } from '../components/address-form.tsx';
import { AuthForms } from '../components/auth-forms.tsx';
import { ErrorNotice, FormProblem, Loading } from '../components/ui.tsx';

export function CheckoutPage() {
  const t = useT();
  const current = useStore(session);
  useEffect(() => {
    document.title = `${t.checkoutTitle} · Pasar`;
  }, [t]);
  return (
    <div class="checkout-page">
      <h1>{t.checkoutTitle}</h1>
      {current ? (
        <Checkout token={current.token} />
      ) : (
        <>
          <p>{t.authIntro}</p>
          <AuthForms onDone={() => undefined} />
        </>
      )}
    </div>
  );
}

interface CheckoutData {
  cart: CartView;
  addresses: SavedAddress[];
}

function Checkout({ token }: { token: string }) {
  const loaded = useAsync(async (): Promise<CheckoutData> => {
    const resumed = resumeCheckout(token);
    if (resumed) {
      const order = await resumed;
      navigate(`/orders/${order.id}`, { replace: true });
    }
    const [cart, addresses] = await Promise.all([loadCart(), get<AddressList>('/api/customers/me/addresses', token)]);
    return { cart, addresses: addresses.addresses };
  }, [token]);
  useEffect(() => endSessionIf401(loaded.error), [loaded.error]);
  if (loaded.error) return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  return <CheckoutForm token={token} data={loaded.data} />;
}

const NEW_ADDRESS = 'new';

function CheckoutForm({ token, data }: { token: string; data: CheckoutData }) {
  const t = useT();
  const saved = data.addresses;
  const [choice, setChoice] = useState(saved.find((a) => a.isDefault)?.id ?? saved[0]?.id ?? NEW_ADDRESS);
  const [draft, setDraft] = useState<AddressDraft>(emptyAddress());
  const [saveNew, setSaveNew] = useState(true);
  // Saving the address answers its fields by name; POST /orders names them under `shippingAddress.`.
  const [failure, setFailure] = useState<{ error: unknown; prefix: string }>();
  const [busy, setBusy] = useState(false);
  const sending = useRef(false);
  const { cart } = data;
  const error = failure?.error;

  if (cart.lines.length === 0)
    return (
      <p>
        {t.cartEmpty} <a href="/">{t.startShopping}</a>
      </p>
    );

  const send = async () => {
    // A second click can come before the page has re-rendered with the button disabled.
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    setFailure(undefined);
    let stage = '';
    try {
      const address = await chosenAddress(token, choice, saved, draft, saveNew);
      stage = 'shippingAddress.';
      const order = await placeOrder(token, address);
      navigate(`/orders/${order.id}`);
    } catch (caught) {
      endSessionIf401(caught);
      setFailure({ error: caught, prefix: stage });
      setBusy(false);
      sending.current = false;
    }
  };
  const submit = (event: Event) => {
    event.preventDefault();
    void send();
  };
  const addressErrors = errorsFor(error, choice === NEW_ADDRESS ? [...ADDRESS_FIELDS] : [], failure?.prefix);
  const lineErrors = errorsFor(
    error,
    cart.lines.map((_, i) => `items.${i}.productId`),
  );
  return (
    <form onSubmit={submit} noValidate class="checkout-form">
      <section class="card" aria-labelledby="summary-title">
        <h2 id="summary-title">{t.orderSummary}</h2>
        <ul class="summary-lines">
          {cart.lines.map((line, i) => (
            <li key={line.productId}>
              <span>
                {line.quantity} × {line.name}
              </span>{' '}
              <span>{formatRupiah(line.lineTotalIdr)}</span>
              {!line.available && <span class="badge badge-error">{t.unavailable}</span>}
              {lineErrors.byField[`items.${i}.productId`] && <p class="field-error">{lineErrors.byField[`items.${i}.productId`]}</p>}
            </li>
          ))}
        </ul>
        <p class="cart-total">
          <span>{t.total}</span> <strong>{formatRupiah(cart.totals.totalIdr)}</strong>
        </p>
      </section>
      <fieldset class="card address-choice">
        <legend>{t.shippingAddress}</legend>
        {saved.map((address) => (
          <div class="check" key={address.id}>
            <input
              type="radio"
              id={`address-${address.id}`}
              name="address"
              checked={choice === address.id}
              onChange={() => setChoice(address.id)}
            />
            <label for={`address-${address.id}`}>
              {address.recipient}, {address.line1}, {address.city} {address.postalCode}
              {address.isDefault ? ` (${t.defaultAddress})` : ''}
            </label>
          </div>
        ))}
        <div class="check">
          <input type="radio" id="address-new" name="address" checked={choice === NEW_ADDRESS} onChange={() => setChoice(NEW_ADDRESS)} />
          <label for="address-new">{t.newAddress}</label>
        </div>
        {choice === NEW_ADDRESS && (
          <>
            <AddressFields idPrefix="shipping" draft={draft} onChange={setDraft} errors={addressErrors.byField} />
            <div class="check">
              <input type="checkbox" id="save-address" checked={saveNew} onChange={(e) => setSaveNew(e.currentTarget.checked)} />
              <label for="save-address">{t.saveAddress}</label>
            </div>
          </>
        )}
      </fieldset>
      <FormProblem error={error} rest={addressErrors.rest.filter((e) => !(e.field in lineErrors.byField))} onRetry={() => void send()} />
      <button type="submit" class="primary" disabled={busy} aria-busy={busy ? 'true' : 'false'}>
        {busy ? t.placingOrder : t.placeOrder}
      </button>
    </form>
  );
}

async function chosenAddress(
  token: string,
  choice: string,
  saved: SavedAddress[],
  draft: AddressDraft,
  saveNew: boolean,
): Promise<Address> {
  const existing = saved.find((a) => a.id === choice);
  if (existing) {
    const { id: _id, isDefault: _isDefault, ...address } = existing;
    return address;
  }
  const { isDefault: _isDefault, ...address } = addressOf(draft, saved.length === 0);
  if (saveNew) await request('POST', '/api/customers/me/addresses', { token, body: addressOf(draft, saved.length === 0) });
  return address;
}
