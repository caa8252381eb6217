import type { ComponentChildren } from 'preact';
import { ApiError, type FieldError } from '../api.ts';
import { formatMoney, type Money } from '../format.ts';
import { useT } from '../i18n.ts';

interface FieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  error?: string | undefined;
  hint?: string;
  type?: 'text' | 'email' | 'password' | 'number' | 'tel';
  required?: boolean;
  autoComplete?: string;
  inputMode?: 'numeric' | 'text' | 'email' | 'tel';
}

/** A labelled input whose error, from the API's problem or from here, sits right under it. */
export function Field(props: FieldProps) {
  const errorId = `${props.id}-error`;
  const hintId = `${props.id}-hint`;
  const describedBy = [props.hint ? hintId : '', props.error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={props.error ? 'field field-invalid' : 'field'}>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.id}
        // Preact's types split <input> by type into a union a variable type cannot be checked against.
        type={(props.type ?? 'text') as 'text'}
        value={props.value}
        onInput={(event) => props.onInput(event.currentTarget.value)}
        required={props.required}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      {props.hint && (
        <p id={hintId} class="hint">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={errorId} class="field-error">
          {props.error}
        </p>
      )}
    </div>
  );
}

/**
 * An error the page could not place at a field: a busy or unreachable service says "try again"
 * (with the button when there is something to retry); anything else says what the API said.
 */
export function ErrorNotice({
  error,
  onRetry,
  rest = [],
}: {
  error: unknown;
  onRetry?: (() => void) | undefined;
  rest?: readonly FieldError[];
}) {
  const t = useT();
  if (!error) return null;
  if (error instanceof ApiError && error.retryable) {
    return (
      <div class="notice notice-error" role="alert">
        <p>{t.busy}</p>
        {onRetry && (
          <button type="button" onClick={onRetry}>
            {t.tryAgain}
          </button>
        )}
      </div>
    );
  }
  const title = error instanceof ApiError ? error.title : t.somethingWrong;
  const detail = error instanceof ApiError ? error.detail : undefined;
  return (
    <div class="notice notice-error" role="alert">
      <p>
        <strong>{title}</strong>
        {detail && detail !== title ? `: ${detail}` : ''}
      </p>
      {rest.length > 0 && (
        <>
          <p>{t.checkFields}</p>
          <ul>
            {rest.map((e) => (
              <li key={e.field}>
                <code>{e.field}</code>: {e.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** A form's error, unless every field error in it already sits at its field. */
export function FormProblem({ error, rest, onRetry }: { error: unknown; rest: readonly FieldError[]; onRetry?: () => void }) {
  if (!error) return null;
  const placedAll = error instanceof ApiError && error.errors.length > 0 && rest.length === 0;
  return placedAll ? null : <ErrorNotice error={error} rest={rest} onRetry={onRetry} />;
}

export function Price({ money }: { money: Money }) {
  return <span class="price">{formatMoney(money)}</span>;
}

export function StockBadge({ stock }: { stock: number }) {
  const t = useT();
  if (stock <= 0) return <span class="stock stock-out">{t.soldOut}</span>;
  if (stock <= 5) return <span class="stock stock-low">{t.onlyLeft(stock)}</span>;
  return <span class="stock">{t.inStock}</span>;
}

/** The product's first image, or a drawn placeholder saying there is none. */
export function ProductImage({ src, name, size = 'small' }: { src: string | null | undefined; name: string; size?: 'small' | 'large' }) {
  const t = useT();
  if (src) return <img class={`product-image product-image-${size}`} src={src} alt={name} loading="lazy" />;
  return (
    <svg class={`product-image product-image-${size}`} viewBox="0 0 100 100" role="img" aria-label={t.noImage}>
      <rect width="100" height="100" rx="8" fill="#eef2ec" />
      <path d="M25 68 42 48l12 14 8-9 13 15Z" fill="#6f8f6d" />
      <circle cx="64" cy="36" r="7" fill="#6f8f6d" />
    </svg>
  );
}

export function Loading() {
  const t = useT();
  return (
    <p class="loading" role="status">
      {t.loading}
    </p>
  );
}

export function Section({ title, children, id }: { title: string; children: ComponentChildren; id: string }) {
  return (
    <section aria-labelledby={id} class="card">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
