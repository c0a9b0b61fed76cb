// The Compare view in a real browser (Debian chromium via playwright-core, against `npm run dev`):
// two versions of the diff fixture, calls logged to the first, the changes by operation and level.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDevServer, type DevServer } from '../support/dev-server';
import { launchChromium } from './launch-chromium';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHOTS = join(ROOT, 'test-results', 'screenshots');
const fixture = (name: string) => readFileSync(join(ROOT, 'test/fixtures/diff', name), 'utf8');

let server: DevServer;
let browser: Browser;
let stateDir: string;
let key = '';
const pageErrors: string[] = [];

const control = (path: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/yaml', ...init.headers },
  });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stateDir = mkdtempSync(join(tmpdir(), 'specmock-compare-'));
  server = await startDevServer(stateDir);
  browser = await launchChromium();
  key = ((await (await fetch(`${server.url}/v1/keys`, { method: 'POST' })).json()) as { key: string }).key;
  expect(
    (await control('/v1/apis/pets/versions/1.0.0', { method: 'PUT', body: fixture('pets-v1.yaml') })).status,
  ).toBe(201);
  // Two calls 1.1.0 refuses: GET /stores is gone, and `sort=age` is no longer allowed.
  expect((await fetch(`${server.url}/mock/pets/1.0.0/stores`)).status).toBe(200);
  expect((await fetch(`${server.url}/mock/pets/1.0.0/pets?filter=x&region=eu&sort=age`)).status).toBe(200);
  for (let i = 0; ; i++) {
    const logged = (await (await control('/v1/apis/pets/requests')).json()) as { requests: unknown[] };
    if (logged.requests.length === 2) break;
    if (i > 150) throw new Error('the two calls were not logged');
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(
    (await control('/v1/apis/pets/versions/1.1.0', { method: 'PUT', body: fixture('pets-v2.yaml') })).status,
  ).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

async function open(path: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const ctx = await browser.newContext({ viewport, baseURL: server.url });
  await ctx.addInitScript((k) => localStorage.setItem('specmock.key', k), key);
  const page = await ctx.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(path);
  return page;
}

describe('the Compare view', () => {
  test('is reached from the API and shows the changes by operation and level, with the calls they break', async () => {
    const page = await open('/#/apis/pets');
    await page.getByRole('link', { name: 'Compare versions' }).click();
    await page.locator('#diff-report').waitFor();
    expect(await page.locator('#diff-from').inputValue()).toBe('1.0.0');
    expect(await page.locator('#diff-to').inputValue()).toBe('1.1.0');
    const summary = await page.locator('.diff-summary').textContent();
    expect(summary).toContain('38 breaking, 7 possibly breaking, 13 non-breaking');
    expect(summary).toContain('2 would fail');
    // One group per operation; GET /pets holds breaking, possibly-breaking and non-breaking changes.
    const list = page.locator('details.diff-op', {
      has: page.locator('.op-path', { hasText: /^GET \/pets$/ }),
    });
    expect(await list.getAttribute('open')).not.toBeNull();
    const levels = await list.locator('h4.diff-level').allTextContents();
    expect(levels.map((l) => l.replace(/ \(\d+\)$/, ''))).toEqual([
      'Breaking',
      'Possibly breaking',
      'Non-breaking',
    ]);
    const sort = list.locator('li.diff-change', { hasText: 'query parameter sort' });
    expect(await sort.locator('.diff-calls').textContent()).toBe('1 logged call');
    expect(await sort.locator('.diff-example').textContent()).toContain(
      'GET /pets?filter=x&region=eu&sort=age',
    );
    const stores = page.locator('details.diff-op', {
      has: page.locator('.op-path', { hasText: 'GET /stores' }),
    });
    expect(await stores.locator('li.diff-change .diff-rule').textContent()).toBe('api-path-removed');
    await page.screenshot({ path: join(SHOTS, 'compare-desktop.png'), fullPage: true });
    await page.context().close();
  });

  test('compares any two versions, the choice kept in the address', async () => {
    const page = await open('/#/compare/pets');
    await page.locator('#diff-report').waitFor();
    await page.selectOption('#diff-from', '1.1.0');
    await page.selectOption('#diff-to', '1.0.0');
    await page.getByRole('button', { name: 'Compare' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/compare/pets/1.1.0/1.0.0');
    await expect
      .poll(async () => page.locator('.diff-summary').textContent())
      .toContain('No logged calls to 1.1.0');
    expect(await page.locator('details.diff-op .op-path', { hasText: 'GET /owners' }).count()).toBe(1);
    await page.context().close();
  });

  test('fits a phone', async () => {
    const page = await open('/#/compare/pets', { width: 375, height: 812 });
    await page.locator('#diff-report').waitFor();
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    await page.screenshot({ path: join(SHOTS, 'compare-phone.png'), fullPage: true });
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });
});
