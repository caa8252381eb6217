import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/domain/money.ts';
import { renderOrderReceived, renderPaymentResult } from '../../src/domain/templates.ts';
import { anOrder, aPayment } from '../support/messages.ts';

describe('mail templates', () => {
  it('when the customer reads Indonesian, then the order mail is in Indonesian with rupiah amounts', () => {
    const mail = renderOrderReceived(anOrder(randomUUID()), { name: 'Siti', locale: 'id' });

    expect(mail.subject).toMatch(/^Pesanan [0-9A-F]{8} kami terima$/);
    expect(mail.text).toContain('Halo Siti,');
    expect(mail.text).toMatch(/2 × Kopi Gayo 250 g — Rp\s150\.000/);
    expect(mail.text).toMatch(/Total: Rp\s162\.500/);
  });

  it('when the customer reads English, then the payment mails are in English', () => {
    const customer = { name: 'John', locale: 'en' as const };

    expect(renderPaymentResult(aPayment(randomUUID(), 'SUCCEEDED'), customer).subject).toMatch(/^Payment for order [0-9A-F]{8} received$/);
    const failed = renderPaymentResult(aPayment(randomUUID(), 'FAILED'), customer);
    expect(failed.subject).toMatch(/failed$/);
    expect(failed.text).toContain('Reason: card declined');
    expect(failed.text).toMatch(/IDR\s162,500/);
  });

  it('when a payment is refunded, then the refund mail names the amount and why, in the customer language', () => {
    const payment = aPayment(randomUUID(), 'REFUNDED');
    const reference = payment.orderId.slice(0, 8).toUpperCase();

    const indonesian = renderPaymentResult(payment, { name: 'Siti', locale: 'id' });
    const english = renderPaymentResult(payment, { name: 'John', locale: 'en' });

    expect(indonesian.subject).toBe(`Dana pesanan ${reference} kami kembalikan`);
    expect(indonesian.text).toMatch(
      /pembayaran sebesar Rp\s162\.500 sudah kami kembalikan: pembayaran itu baru tiba setelah pesanan dibatalkan/,
    );
    expect(indonesian.text).not.toContain('the order was cancelled');
    expect(english.subject).toBe(`Refund for order ${reference}`);
    expect(english.text).toMatch(/we have refunded your payment of IDR\s162,500: it arrived after the order had been cancelled\./);
  });

  it('escapes what customers and merchants typed in the HTML part', () => {
    const mail = renderOrderReceived(anOrder(randomUUID()), { name: '<script>x</script>', locale: 'en' });

    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.html).toContain('Teh &lt;Melati&gt;');
  });

  it('formats minor units by currency', () => {
    expect(formatMoney({ amount: 1_999, currency: 'USD' }, 'en-US')).toBe('$19.99');
    expect(formatMoney({ amount: 15_000, currency: 'IDR' }, 'id-ID')).toMatch(/^Rp\s15\.000$/);
  });
});
