import type { Address, Locale, OrderCreatedV1, PaymentStatusV1 } from '@pasar/contracts';
import { formatMoney } from './money.ts';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const INTL_LOCALE: Record<Locale, string> = { id: 'id-ID', en: 'en-GB' };

const words = {
  id: {
    orderSubject: (ref: string) => `Pesanan ${ref} kami terima`,
    greeting: (name: string) => `Halo ${name},`,
    orderIntro: 'terima kasih, pesanan Anda sudah kami terima dan menunggu pembayaran.',
    total: 'Total',
    shipTo: 'Dikirim ke',
    paidSubject: (ref: string) => `Pembayaran pesanan ${ref} berhasil`,
    paidIntro: (amount: string) => `pembayaran sebesar ${amount} sudah kami terima. Pesanan Anda segera diproses.`,
    failedSubject: (ref: string) => `Pembayaran pesanan ${ref} gagal`,
    failedIntro: (amount: string) => `pembayaran sebesar ${amount} tidak berhasil.`,
    refundSubject: (ref: string) => `Dana pesanan ${ref} kami kembalikan`,
    refundIntro: (amount: string) =>
      `pembayaran sebesar ${amount} sudah kami kembalikan: pembayaran itu baru tiba setelah pesanan dibatalkan. Pesanan ini tidak akan dikirim.`,
    reason: 'Alasan',
    signOff: 'Salam, Pasar',
  },
  en: {
    orderSubject: (ref: string) => `We have received your order ${ref}`,
    greeting: (name: string) => `Hello ${name},`,
    orderIntro: 'thank you, we have received your order and it is waiting for payment.',
    total: 'Total',
    shipTo: 'Shipping to',
    paidSubject: (ref: string) => `Payment for order ${ref} received`,
    paidIntro: (amount: string) => `we have received your payment of ${amount}. Your order will be processed shortly.`,
    failedSubject: (ref: string) => `Payment for order ${ref} failed`,
    failedIntro: (amount: string) => `your payment of ${amount} did not go through.`,
    refundSubject: (ref: string) => `Refund for order ${ref}`,
    refundIntro: (amount: string) =>
      `we have refunded your payment of ${amount}: it arrived after the order had been cancelled. This order will not be shipped.`,
    reason: 'Reason',
    signOff: 'Regards, Pasar',
  },
} satisfies Record<Locale, unknown>;

/** A short order reference customers can read out: the first block of the order id. */
export function orderReference(orderId: string): string {
  return orderId.slice(0, 8).toUpperCase();
}

export function renderOrderReceived(order: OrderCreatedV1, customer: { name: string; locale: Locale }): RenderedMail {
  const w = words[customer.locale];
  const money = (m: OrderCreatedV1['total']) => formatMoney(m, INTL_LOCALE[customer.locale]);
  const lines = order.items.map(
    (item) => `${item.quantity} × ${item.name} — ${money({ ...item.unitPrice, amount: item.unitPrice.amount * item.quantity })}`,
  );
  const paragraphs = [
    w.greeting(customer.name),
    w.orderIntro,
    ...lines,
    `${w.total}: ${money(order.total)}`,
    `${w.shipTo}: ${addressLine(order.shippingAddress)}`,
    w.signOff,
  ];
  return compose(w.orderSubject(orderReference(order.orderId)), paragraphs);
}

export function renderPaymentResult(payment: PaymentStatusV1, customer: { name: string; locale: Locale }): RenderedMail {
  const w = words[customer.locale];
  const amount = formatMoney(payment.amount, INTL_LOCALE[customer.locale]);
  const reference = orderReference(payment.orderId);
  if (payment.status === 'SUCCEEDED') return compose(w.paidSubject(reference), [w.greeting(customer.name), w.paidIntro(amount), w.signOff]);
  // The payment service refunds for one reason only; the intro says it in the customer's language.
  if (payment.status === 'REFUNDED')
    return compose(w.refundSubject(reference), [w.greeting(customer.name), w.refundIntro(amount), w.signOff]);
  const reason = payment.reason ? [`${w.reason}: ${payment.reason}`] : [];
  return compose(w.failedSubject(reference), [w.greeting(customer.name), w.failedIntro(amount), ...reason, w.signOff]);
}

function addressLine(address: Address): string {
  return [address.recipient, address.line1, address.line2, address.city, address.postalCode].filter(Boolean).join(', ');
}

function compose(subject: string, paragraphs: string[]): RenderedMail {
  return {
    subject,
    text: paragraphs.join('\n\n'),
    html: `<!doctype html><html><body>${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</body></html>`,
  };
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
