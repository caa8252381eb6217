import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from '@pasar/testing';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { CHROMIUM_FLAGS } from './chromium-flags.ts';

export const GATEWAY = 'http://127.0.0.1:3000';
export const CHROMIUM = process.env.PASAR_CHROMIUM ?? '/usr/bin/chromium';
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const ARTIFACTS = path.join(repoRoot, '.stack/artifacts/browser');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** A fresh profile each launch (playwright's own temporary one), deleted when the browser closes. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
}

export async function newContext(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: GATEWAY, locale: 'id-ID', ...options });
  context.setDefaultTimeout(15_000);
  return context;
}

/**
 * axe-core, from npm, run in the page as it is now: no serious or critical violation. The page is
 * also kept as a screenshot under .stack/artifacts/browser/<name>.png.
 */
export async function auditPage(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
  })))`)) as Array<{ id: string; impact: string | null; help: string; nodes: string[] }>;
  expect(
    violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
    `axe on ${name}`,
  ).toEqual([]);
}

/** What the page shows, with the no-break space Intl puts after "Rp" made a plain one. */
export async function textOf(page: Page, selector: string): Promise<string> {
  return plainTextOf(page.locator(selector));
}

export async function plainTextOf(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\u00a0/g, ' ');
}
