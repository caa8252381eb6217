import type { OrderPage } from '@pasar/contracts';
import { eventually } from '@pasar/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditPage, GATEWAY, launchChromium, newContext, textOf } from './support/browser.ts';
import { mailSubjects, newEmail, PASSWORD, phone, productStock, registeredCustomer, stockProducts, uniqueWord } from './support/shop.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function addFromProductPage(page: Page, productId: string, quantity: number): Promise<void> {
  await page.goto(`/product/${productId}`);
  await page.getByLabel('Jumlah', { exact: true }).fill(String(quantity));
  await page.getByRole('button', { name: 'Tambah ke keranjang' }).click();
  await page.getByText(`${quantity} barang ditambahkan ke keranjang.`).waitFor();
}

async function fillNewAddress(page: Page, postalCode: string): Promise<void> {
  await page.getByLabel('Nama penerima').fill('Sari Wulandari');
  await page.getByLabel('Alamat', { exact: true }).fill('Jl. Braga 7');
  await page.getByLabel('Kota').fill('Bandung');
  await page.getByLabel('Kode pos').fill(postalCode);
}

async function ordersOf(page: Page): Promise<OrderPage> {
  const token = await page.evaluate(`JSON.parse(localStorage.getItem('pasar.session')).token`);
  return (await (await fetch(`${GATEWAY}/api/orders`, { headers: { authorization: `Bearer ${token}` } })).json()) as OrderPage;
}

describe('buying in the storefront, on the whole system', () => {
  it('when a guest adds two products, changes a quantity, registers at checkout and orders, then one order is paid, mailed in Indonesian, and listed in my orders and my timeline', async () => {
    const word = uniqueWord();
    const [first, second] = await stockProducts(word, [
      phone(`Ponsel ${word} Satu`, 'Lawu', 150_000),
      phone(`Ponsel ${word} Dua`, 'Lawu', 200_000),
    ]);
    const email = newEmail('checkout');
    const context = await newContext(browser);
    const page = await context.newPage();
    await addFromProductPage(page, first!.id, 1);
    await auditPage(page, 'product');
    await addFromProductPage(page, second!.id, 1);

    await page.getByRole('link', { name: 'Keranjang, 2 barang' }).click();
    await page.getByLabel(`Jumlah ${first!.name}`).fill('2');
    await page.getByLabel(`Jumlah ${first!.name}`).press('Tab');
    await eventually(async () => expect(await textOf(page, '[data-testid="cart-total"]')).toBe('Rp 500.000'));
    await auditPage(page, 'cart');

    await page.getByRole('link', { name: 'Lanjut ke pembayaran' }).click();
    await page.getByRole('heading', { name: 'Daftar akun baru' }).waitFor();
    await auditPage(page, 'checkout-log-in');
    await page.locator('#register-name').fill('Sari');
    await page.locator('#register-email').fill(email);
    await page.locator('#register-password').fill('pendek');
    await page.getByRole('button', { name: 'Daftar', exact: true }).click();
    await page.locator('#register-password-error').waitFor();
    await page.locator('#register-password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Daftar', exact: true }).click();

    await page.getByRole('heading', { name: 'Ringkasan pesanan' }).waitFor();
    await fillNewAddress(page, '12');
    await page.getByRole('button', { name: 'Buat pesanan' }).click();
    await page.locator('#shipping-postalCode-error').waitFor();
    expect(await page.getAttribute('#shipping-postalCode', 'aria-invalid')).toBe('true');
    await auditPage(page, 'checkout-address-error');
    await page.getByLabel('Kode pos').fill('40111');
    await page.getByRole('button', { name: 'Buat pesanan' }).dblclick();

    await page.getByRole('heading', { name: /^Pesanan #/ }).waitFor();
    await page.locator('[data-status="PAID"]').waitFor({ timeout: 30_000 });
    expect(await textOf(page, '.status-message')).toBe('Pembayaran berhasil. Terima kasih!');
    expect(await textOf(page, '.order-page')).toContain('Rp 500.000');
    await auditPage(page, 'order-paid');
    const orders = await ordersOf(page);
    expect(orders.items).toHaveLength(1);
    expect(orders.items[0]!.items.map((item) => [item.productId, item.quantity]).sort()).toEqual(
      [
        [first!.id, 2],
        [second!.id, 1],
      ].sort(),
    );

    await eventually(
      async () => {
        expect(await mailSubjects(email)).toEqual(
          expect.arrayContaining([
            expect.stringMatching(/^Pesanan .* kami terima$/),
            expect.stringMatching(/^Pembayaran pesanan .* berhasil$/),
          ]),
        );
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );

    const reference = `#${orders.items[0]!.id.slice(0, 8).toUpperCase()}`;
    await page.getByRole('link', { name: 'Akun' }).click();
    await page.getByRole('link', { name: reference }).first().waitFor();
    await eventually(
      async () => {
        await page.reload();
        await page.locator('.timeline li').first().waitFor();
        const kinds = await page.locator('.timeline li').evaluateAll((items) => items.map((item) => item.getAttribute('data-kind')));
        expect(kinds).toEqual(expect.arrayContaining(['order', 'payment', 'login']));
      },
      { timeoutMs: 30_000, intervalMs: 1000 },
    );
    await auditPage(page, 'account');
    expect(await page.locator('.cart-count').innerText()).toBe('0');
    await context.close();
  });

  it("when a payment is declined (an amount ending in 13), then the order page shows why in the customer's language, and the stock is back", async () => {
    const word = uniqueWord();
    const [product] = await stockProducts(word, [phone(`Ponsel ${word}`, 'Lawu', 100_013, 4)]);
    const { email } = await registeredCustomer('declined');
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/login?next=/checkout');
    await page.locator('#login-email').fill(email);
    await page.locator('#login-password').fill('not-the-password');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    expect(await page.locator('#login-password-error').innerText()).toBe('Email atau kata sandi salah.');
    await page.locator('#login-password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/checkout');
    await addFromProductPage(page, product!.id, 1);

    await page.goto('/checkout');
    await page.getByRole('heading', { name: 'Ringkasan pesanan' }).waitFor();
    await fillNewAddress(page, '40111');
    await page.getByRole('button', { name: 'Buat pesanan' }).click();

    await page.locator('[data-status="PAYMENT_FAILED"], [data-status="CANCELLED"]').waitFor({ timeout: 30_000 });
    await eventually(async () => expect(await textOf(page, '.status-message')).toContain('Pembayaran gagal: kartu ditolak.'));
    await auditPage(page, 'order-declined');
    await eventually(async () => expect(await productStock(product!.id)).toBe(4), { timeoutMs: 30_000, intervalMs: 500 });
    await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
    await eventually(async () => expect(await textOf(page, '.status-message')).toContain('Payment failed: the card was declined.'));
    await page.goto(`/product/${product!.id}`);
    expect(await textOf(page, '.stock')).toBe('Only 4 left');
    await context.close();
  });
});
