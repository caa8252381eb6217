import type { OrderView } from '@pasar/contracts';
import { useEffect } from 'preact/hooks';
import { get } from '../api.ts';
import { formatDateTime, formatMoney } from '../format.ts';
import { CANCELLED_BY_STAFF, language, reasonText, useT, type Dictionary } from '../i18n.ts';
import { endSessionIf401, session } from '../session.ts';
import { useStore } from '../store.ts';
import { useAsync } from '../use-async.ts';
import { AuthForms } from '../components/auth-forms.tsx';
import { ErrorNotice, Loading } from '../components/ui.tsx';

const POLL_MS = 1000;

export const orderReference = (id: string) => `#${id.slice(0, 8).toUpperCase()}`;

export function OrderPage({ id }: { id: string }) {
  const t = useT();
  const current = useStore(session);
  if (!current) {
    return (
      <div>
        <h1>{t.orderTitle(orderReference(id))}</h1>
        <p>{t.loginRequired}</p>
        <AuthForms onDone={() => undefined} />
      </div>
    );
  }
  return <LiveOrder id={id} token={current.token} />;
}

/** Asks again every second while the payment is pending; the status line is a live region. */
function LiveOrder({ id, token }: { id: string; token: string }) {
  const t = useT();
  const lang = useStore(language);
  const order = useAsync(() => get<OrderView>(`/api/orders/${encodeURIComponent(id)}`, token), [id, token]);
  const pending = !order.data || order.data.status === 'PENDING_PAYMENT';
  useEffect(() => {
    if (!pending || order.loading) return;
    const timer = setTimeout(order.reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [pending, order.loading, order.data]);
  useEffect(() => endSessionIf401(order.error), [order.error]);
  useEffect(() => {
    document.title = `${t.orderTitle(orderReference(id))} · Pasar`;
  }, [t, id]);

  const data = order.data;
  return (
    <div class="order-page">
      <h1>{t.orderTitle(orderReference(id))}</h1>
      {order.error !== undefined && !data && <ErrorNotice error={order.error} onRetry={order.reload} />}
      {!data && !order.error && <Loading />}
      {data && (
        <>
          <div class="card" aria-live="polite" aria-atomic="true">
            <p class="status-line">
              {t.orderStatus}:{' '}
              <strong class={`status status-${data.status.toLowerCase()}`} data-status={data.status}>
                {t.statuses[data.status]}
              </strong>
            </p>
            <p class="status-message">{statusMessage(t, data)}</p>
          </div>
          <section class="card" aria-labelledby="order-items">
            <h2 id="order-items">{t.items}</h2>
            <ul class="summary-lines">
              {data.items.map((item) => (
                <li key={item.productId}>
                  <span>
                    {item.quantity} × <a href={`/product/${item.productId}`}>{item.name}</a>
                  </span>{' '}
                  <span>{formatMoney({ amount: item.unitPrice.amount * item.quantity, currency: item.unitPrice.currency })}</span>
                </li>
              ))}
            </ul>
            <p class="cart-total">
              <span>{t.total}</span> <strong>{formatMoney(data.total)}</strong>
            </p>
            <p>
              {t.placedAt}: {formatDateTime(data.createdAt, lang)}
            </p>
            <h3>{t.shippingAddress}</h3>
            <address>
              {data.shippingAddress.recipient}
              <br />
              {data.shippingAddress.line1}
              <br />
              {data.shippingAddress.line2 && (
                <>
                  {data.shippingAddress.line2}
                  <br />
                </>
              )}
              {data.shippingAddress.city} {data.shippingAddress.postalCode}
            </address>
          </section>
        </>
      )}
    </div>
  );
}

function statusMessage(t: Dictionary, order: OrderView): string {
  if (order.status === 'PENDING_PAYMENT') return t.waitingForPayment;
  if (order.status === 'PAID') return t.paymentSucceeded;
  if (!order.failureReason) return '';
  if (order.failureReason === CANCELLED_BY_STAFF) return t.cancelledByShop;
  const failed = t.paymentFailed(reasonText(t, order.failureReason));
  return order.status === 'CANCELLED' ? `${failed} ${t.stockReleased}` : failed;
}
