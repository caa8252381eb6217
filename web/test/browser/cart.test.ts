import { eventually, systemAppAuth } from '@pasar/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditPage, launchChromium, newContext, textOf } from './support/browser.ts';
import { addToServerCart, PASSWORD, phone, registeredCustomer, serverCart, stockProducts, uniqueWord } from './support/shop.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function logIn(page: Page, email: string, next: string): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await auditPage(page, 'log-in');
  await page.locator('#login-email').fill(email);
  await page.locator('#login-password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await page.waitForURL((url) => url.pathname === next);
}

const cartNames = (page: Page) => page.locator('.cart-line-name').allInnerTexts();

describe('the cart, in the browser and on the server', () => {
  it("when a guest with a cart logs in, then the guest's lines join the customer's saved cart and leave the browser", async () => {
    const word = uniqueWord();
    const [saved, guest] = await stockProducts(word, [
      phone(`Ponsel ${word} Lama`, 'Lawu', 300_000),
      phone(`Ponsel ${word} Baru`, 'Lawu', 400_000),
    ]);
    const { email, session } = await registeredCustomer('merge');
    await addToServerCart(session.accessToken, saved!.id, 2);
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`/product/${guest!.id}`);
    await page.getByRole('button', { name: 'Tambah ke keranjang' }).click();
    await page.getByText('1 barang ditambahkan ke keranjang.').waitFor();

    await logIn(page, email, '/cart');

    await eventually(async () => expect((await cartNames(page)).sort()).toEqual([saved!.name, guest!.name].sort()));
    expect(await textOf(page, '[data-testid="cart-total"]')).toBe('Rp 1.000.000');
    const onServer = await serverCart(session.accessToken);
    expect(onServer.lines.map((line) => [line.productId, line.quantity]).sort()).toEqual(
      [
        [saved!.id, 2],
        [guest!.id, 1],
      ].sort(),
    );
    expect(JSON.parse(((await page.evaluate(`localStorage.getItem('pasar.guestCart')`)) as string | null) ?? '[]')).toEqual([]);
    await context.close();
  });

  it('when one tab changes a quantity and another, not reloaded, removes a line, then neither change is lost', async () => {
    const word = uniqueWord();
    const [kept, removed] = await stockProducts(word, [
      phone(`Ponsel ${word} Tetap`, 'Lawu', 100_000),
      phone(`Ponsel ${word} Hapus`, 'Lawu', 200_000),
    ]);
    const { email, session } = await registeredCustomer('tabs');
    await addToServerCart(session.accessToken, kept!.id, 1);
    await addToServerCart(session.accessToken, removed!.id, 1);
    const context = await newContext(browser);
    const first = await context.newPage();
    await logIn(first, email, '/cart');
    const second = await context.newPage();
    await second.goto('/cart');
    await eventually(async () => expect(await cartNames(second)).toHaveLength(2));
    await eventually(async () => expect(await cartNames(first)).toHaveLength(2));

    await first.getByLabel(`Jumlah ${kept!.name}`).fill('3');
    await first.getByLabel(`Jumlah ${kept!.name}`).press('Tab');
    await eventually(async () => expect(await textOf(first, '[data-testid="cart-total"]')).toBe('Rp 500.000'));
    await second.getByRole('button', { name: `Hapus ${removed!.name} dari keranjang` }).click();

    await second.getByText('Keranjang ini baru diubah di tab atau perangkat lain.', { exact: false }).waitFor();
    await eventually(async () => expect(await cartNames(second)).toEqual([kept!.name]));
    expect(await second.getByLabel(`Jumlah ${kept!.name}`).inputValue()).toBe('3');
    expect(await textOf(second, '[data-testid="cart-total"]')).toBe('Rp 300.000');
    await auditPage(second, 'cart-changed-elsewhere');
    const onServer = await serverCart(session.accessToken);
    expect(onServer.lines.map((line) => [line.productId, line.quantity])).toEqual([[kept!.id, 3]]);
    await context.close();
  });

  it("when a product in a guest's cart became dearer, then the cart shows the new price and the old one", async () => {
    const word = uniqueWord();
    const [product] = await stockProducts(word, [phone(`Ponsel ${word}`, 'Lawu', 500_000)]);
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`/product/${product!.id}`);
    await page.getByRole('button', { name: 'Tambah ke keranjang' }).click();
    await page.getByText('1 barang ditambahkan ke keranjang.').waitFor();
    const patched = await fetch(`http://127.0.0.1:3002/products/${product!.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', ...systemAppAuth() },
      body: JSON.stringify({ price: { amount: 550_000, currency: 'IDR' } }),
    });
    expect(patched.status).toBe(200);

    await page.goto('/cart');

    await page.getByText('Harga berubah (sebelumnya Rp', { exact: false }).waitFor();
    expect(await textOf(page, '.cart-line')).toContain('Harga berubah (sebelumnya Rp 500.000)');
    expect(await textOf(page, '[data-testid="cart-total"]')).toBe('Rp 550.000');
    await context.close();
  });
});
