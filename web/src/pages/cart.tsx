import type { CartLine, CartView } from '@pasar/contracts';
import { useEffect, useState } from 'preact/hooks';
import { errorsFor } from '../api.ts';
import { guestCart, loadCart, removeLine, setQuantity, type CartChange } from '../cart.ts';
import { formatRupiah } from '../format.ts';
import { useT } from '../i18n.ts';
import { useStore } from '../store.ts';
import { session } from '../session.ts';
import { useAsync } from '../use-async.ts';
import { ErrorNotice, Loading, ProductImage } from '../components/ui.tsx';

export function CartPage() {
  const t = useT();
  const loggedIn = useStore(session) !== null;
  const guestLines = useStore(guestCart);
  const cart = useAsync(loadCart, [loggedIn, loggedIn ? null : guestLines]);
  const [conflict, setConflict] = useState(false);
  useEffect(() => {
    document.title = `${t.cartTitle} · Pasar`;
  }, [t]);

  const applied = (change: CartChange) => {
    setConflict(change.conflict);
    cart.setData(change.view);
  };
  return (
    <div class="cart-page">
      <h1>{t.cartTitle}</h1>
      {conflict && (
        <p class="notice" role="status">
          {t.cartChangedElsewhere}
        </p>
      )}
      <ErrorNotice error={cart.error} onRetry={cart.reload} />
      {!cart.data && cart.loading && <Loading />}
      {cart.data && <CartContents view={cart.data} onChange={applied} />}
    </div>
  );
}

function CartContents({ view, onChange }: { view: CartView; onChange: (change: CartChange) => void }) {
  const t = useT();
  if (view.lines.length === 0) {
    return (
      <p>
        {t.cartEmpty} <a href="/">{t.startShopping}</a>
      </p>
    );
  }
  return (
    <>
      <ul class="cart-lines">
        {view.lines.map((line) => (
          <CartLineRow key={line.productId} line={line} onChange={onChange} />
        ))}
      </ul>
      <p class="cart-total">
        <span>{t.total}</span> <strong data-testid="cart-total">{formatRupiah(view.totals.totalIdr)}</strong>
      </p>
      {view.totals.unavailableLineCount > 0 ? (
        <p class="notice">{t.removeUnavailable}</p>
      ) : (
        <a class="button" href="/checkout">
          {t.checkout}
        </a>
      )}
    </>
  );
}

function CartLineRow({ line, onChange }: { line: CartLine; onChange: (change: CartChange) => void }) {
  const t = useT();
  const [quantity, setQuantityText] = useState(String(line.quantity));
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  useEffect(() => setQuantityText(String(line.quantity)), [line.quantity]);
  const inputId = `quantity-${line.productId}`;

  const run = async (change: () => Promise<CartChange>) => {
    setBusy(true);
    setError(undefined);
    try {
      onChange(await change());
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const commitQuantity = () => {
    const count = Number(quantity);
    if (count !== line.quantity && !busy) void run(() => setQuantity(line.productId, count));
  };
  const { byField, rest } = errorsFor(error, ['quantity']);
  return (
    <li class={line.available ? 'cart-line' : 'cart-line cart-line-unavailable'}>
      <ProductImage src={line.imageUrl} name={line.name} />
      <div class="cart-line-main">
        <a href={`/product/${line.productId}`} class="cart-line-name">
          {line.name}
        </a>
        <p>
          <span class="visually-hidden">{t.unitPrice}: </span>
          {formatRupiah(line.unitPriceIdr)}
          {line.priceChanged && <span class="badge badge-warning"> {t.priceChanged(formatRupiah(line.addedUnitPriceIdr))}</span>}
          {!line.available && <span class="badge badge-error"> {t.unavailable}</span>}
        </p>
        {byField.quantity && (
          <p id={`${inputId}-error`} class="field-error">
            {byField.quantity}
          </p>
        )}
        <ErrorNotice error={byField.quantity ? undefined : error} rest={rest} />
      </div>
      <div class="cart-line-controls">
        <label for={inputId} class="visually-hidden">
          {t.quantityOf(line.name)}
        </label>
        <input
          id={inputId}
          type="number"
          inputMode="numeric"
          min={1}
          value={quantity}
          disabled={busy}
          aria-invalid={byField.quantity ? 'true' : undefined}
          aria-describedby={byField.quantity ? `${inputId}-error` : undefined}
          onInput={(event) => setQuantityText(event.currentTarget.value)}
          onChange={commitQuantity}
        />
        <span class="line-total">{formatRupiah(line.lineTotalIdr)}</span>
        <button
          type="button"
          class="link-button"
          disabled={busy}
          aria-label={t.removeItem(line.name)}
          onClick={() => void run(() => removeLine(line.productId))}
        >
          {t.remove}
        </button>
      </div>
    </li>
  );
}
