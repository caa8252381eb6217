import { eventually } from '@pasar/testing';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditPage, launchChromium, newContext, PHONE, plainTextOf, textOf } from './support/browser.ts';
import { phone, stockProducts, uniqueWord } from './support/shop.ts';

let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchChromium();
  context = await newContext(browser);
});
afterAll(async () => {
  await browser?.close();
});

describe('searching the storefront, in Indonesian by default', () => {
  it('when a shopper types a word with a typo, then the product is found, the page says which word it matched, and prices are written as Indonesians write them', async () => {
    const word = uniqueWord();
    const [product] = await stockProducts(word, [phone(`Ponsel ${word}`, 'Lawu', 2_500_000)]);
    const page = await context.newPage();
    await page.goto('/');

    await page.getByRole('combobox', { name: 'Cari produk' }).fill(`ponsl ${word}`);

    await page.getByRole('link', { name: product!.name }).waitFor();
    expect(await textOf(page, '.typo-notice')).toBe(`Tidak ada yang persis “ponsl ${word}”. Menampilkan hasil untuk “ponsel ${word}”.`);
    // Other tests' phones match "ponsl" too: read the line of this product.
    expect(await plainTextOf(page.locator('.result', { hasText: product!.name }))).toContain('Rp 2.500.000');
    expect(new URL(page.url()).searchParams.get('q')).toBe(`ponsl ${word}`);
    await auditPage(page, 'search-typo');
  });

  it("when a shopper ticks a brand, then only that brand's products remain; sorted by highest price, the dearer comes first", async () => {
    const word = uniqueWord();
    const [lawu, merbabu] = await stockProducts(word, [
      phone(`Ponsel ${word} Satu`, 'Lawu', 1_000_000),
      phone(`Ponsel ${word} Dua`, 'Merbabu', 3_000_000),
    ]);
    const page = await context.newPage();
    await page.goto(`/?q=${word}`);
    const names = () => page.locator('.result-name').allInnerTexts();
    await eventually(async () => expect((await names()).sort()).toEqual([lawu!.name, merbabu!.name].sort()));

    await page.getByLabel('Urutkan').selectOption('price_desc');
    await eventually(async () => expect(await names()).toEqual([merbabu!.name, lawu!.name]));

    await page
      .getByRole('group', { name: 'Merek' })
      .getByLabel(/^Merbabu/)
      .check();
    await eventually(async () => expect(await names()).toEqual([merbabu!.name]));
    expect(new URL(page.url()).searchParams.getAll('attr.brand')).toEqual(['Merbabu']);
    expect(await textOf(page, '.result-count')).toBe('1 produk');
    await auditPage(page, 'search-filtered');
  });

  it('when a shopper on a phone uses only the keyboard, then a suggestion is chosen with the arrow keys and its product page shows its attributes, price and low stock', async () => {
    const word = uniqueWord();
    const [product] = await stockProducts(word, [phone(`Ponsel ${word}`, 'Rinjani', 1_250_000, 3)]);
    const phoneContext = await newContext(browser, PHONE);
    const page = await phoneContext.newPage();
    await page.goto('/');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.id')).toBe('search-input');

    await page.keyboard.type(`ponsel ${word.slice(0, 5)}`);
    await page.getByRole('option', { name: product!.name }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 1, name: product!.name }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/product/${product!.id}`);
    expect(await textOf(page, '.product-price')).toBe('Rp 1.250.000');
    expect(await textOf(page, '.stock')).toBe('Tinggal 3 lagi');
    expect(await textOf(page, '.attributes')).toMatch(/Merek\s+Rinjani/);
    await auditPage(page, 'product-phone');
    await phoneContext.close();
  });

  it('when the network fails under a search, then the page says to try again, and its button brings the results once it is back', async () => {
    const word = uniqueWord();
    const [product] = await stockProducts(word, [phone(`Ponsel ${word}`, 'Lawu', 900_000)]);
    const offline = await newContext(browser);
    const page = await offline.newPage();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Semua produk' }).waitFor();
    await offline.setOffline(true);

    await page.getByRole('combobox', { name: 'Cari produk' }).fill(word);

    await page.getByText('Layanan sedang sibuk atau tidak tersedia. Silakan coba lagi.').waitFor();
    await auditPage(page, 'search-try-again');
    await offline.setOffline(false);
    await page.getByRole('button', { name: 'Coba lagi' }).click();
    await page.getByRole('link', { name: product!.name }).waitFor();
    await offline.close();
  });

  it('when the shopper switches to English, then the pages speak English, prices stay in rupiah, and the choice is remembered', async () => {
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();

    await page.getByRole('heading', { level: 1, name: 'All products' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.reload();
    await page.getByRole('combobox', { name: 'Search products' }).waitFor();
    await page.getByRole('button', { name: 'Switch language to Bahasa Indonesia' }).click();
    await page.getByRole('heading', { level: 1, name: 'Semua produk' }).waitFor();
  });
});
