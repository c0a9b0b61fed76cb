// Every view of the dashboard at 1280 and 375 px, as a newcomer sees it (Debian chromium via
// playwright-core, against `npm run dev`): no stray `null` or `undefined` in the visible text,
// toasts that cover nothing and go away, the publish form only where it belongs, aligned forms.
// Screenshots of each view at both widths go to test-results/screenshots/view-*.png.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDevServer, type DevServer } from '../support/dev-server';
import { overlaps, strayWords, visibleControls } from './page-checks';
import { launchChromium } from './launch-chromium';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHOTS = join(ROOT, 'test-results', 'screenshots');
const WIDTHS = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 812 } };
const fixture = (name: string) => readFileSync(join(ROOT, 'test/fixtures/diff', name), 'utf8');

/** Each signed-in view: its hash and an element that is there once it has loaded. */
const VIEWS = [
  { name: 'home', hash: '#/', ready: '#apis-nav .api-link' },
  { name: 'api', hash: '#/apis/pets', ready: '.sandbox-row' },
  { name: 'version', hash: '#/apis/pets/1.1.0', ready: 'details.op' },
  { name: 'calls', hash: '#/calls/pets', ready: '#calls-list details.call' },
  { name: 'behaviour', hash: '#/behaviour/pets', ready: 'fieldset.behaviour-op' },
  { name: 'compare', hash: '#/compare/pets', ready: '#diff-report' },
];

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

async function open(hash: string, viewport = WIDTHS.desktop, withKey = true): Promise<Page> {
  const ctx = await browser.newContext({ viewport, baseURL: server.url });
  if (withKey) await ctx.addInitScript((k) => localStorage.setItem('specmock.key', k), key);
  const page = await ctx.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(`/${hash}`);
  return page;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stateDir = mkdtempSync(join(tmpdir(), 'specmock-views-'));
  server = await startDevServer(stateDir);
  browser = await launchChromium();
  key = ((await (await fetch(`${server.url}/v1/keys`, { method: 'POST' })).json()) as { key: string }).key;
  for (const [version, file] of [
    ['1.0.0', 'pets-v1.yaml'],
    ['1.1.0', 'pets-v2.yaml'],
  ]) {
    const put = await control(`/v1/apis/pets/versions/${version}`, { method: 'PUT', body: fixture(file) });
    expect(put.status, await put.text()).toBe(201);
  }
  expect((await fetch(`${server.url}/mock/pets/1.1.0/pets`)).status).toBeLessThan(500);
  const behaviour = await control('/v1/apis/pets/behaviour', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ operations: { 'GET /pets': { latency: { minMs: 1, maxMs: 2 } } } }),
  });
  expect(behaviour.status, await behaviour.text()).toBe(200);
  const sandbox = await control('/v1/sandboxes', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ api: 'pets', seed: 'views' }),
  });
  expect(sandbox.status, await sandbox.text()).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

describe('every view at 1280 and 375 px', () => {
  for (const [width, viewport] of Object.entries(WIDTHS)) {
    test(`${width}: no null, undefined, [object Object] or NaN in the visible text; screenshots`, async () => {
      const stray: Record<string, string[]> = {};
      const note = async (name: string, page: Page) => {
        const words = await strayWords(page);
        if (words.length) stray[name] = words;
      };
      const onboarding = await open('#/', viewport, false);
      await onboarding.waitForSelector('#onboarding:not([hidden])');
      await note('onboarding', onboarding);
      await onboarding.screenshot({ path: join(SHOTS, `view-onboarding-${width}.png`), fullPage: true });
      await onboarding.context().close();
      for (const view of VIEWS) {
        const page = await open(view.hash, viewport);
        await page.locator(view.ready).first().waitFor();
        await page.waitForLoadState('networkidle');
        await note(view.name, page);
        await page.screenshot({ path: join(SHOTS, `view-${view.name}-${width}.png`), fullPage: true });
        await page.context().close();
      }
      expect(stray).toEqual({});
      expect(pageErrors).toEqual([]);
    });
  }
});

describe('toasts', () => {
  for (const [width, viewport] of Object.entries(WIDTHS)) {
    test(`${width}: a toast covers no control, goes away by itself and can be dismissed`, async () => {
      const page = await open('#/apis/pets/1.1.0', viewport);
      await page.locator('details.op').first().waitFor();
      const copy = page.getByRole('button', { name: 'Copy mock url' });
      await copy.click();
      const toast = page.locator('#toast .toast');
      await toast.waitFor();
      expect(await toast.textContent()).toContain('Copied mock url');
      const box = (await toast.boundingBox())!;
      // Every control a person can see with the toast out of the way, and whether it shares area.
      await page.locator('#toast').evaluate((el) => (el.style.visibility = 'hidden'));
      const covered = (await visibleControls(page, '#toast')).filter((c) => overlaps(box, c));
      await page.locator('#toast').evaluate((el) => (el.style.visibility = ''));
      expect(covered.map((c) => c.name)).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `view-toast-${width}.png`) });

      // Gone by itself within a few seconds; a second one can be dismissed at once.
      await toast.waitFor({ state: 'detached', timeout: 6000 });
      await copy.click();
      await toast.waitFor();
      await page.getByRole('button', { name: 'Dismiss' }).click();
      expect(await toast.count()).toBe(0);
      await page.context().close();
    });
  }

  test('after a publish, the toast covers neither the result nor the Copy buttons', async () => {
    const page = await open('#/', WIDTHS.phone);
    await page.locator('#apis-nav .api-link').waitFor();
    await page.setInputFiles('#spec-file', join(ROOT, 'spec-examples', 'petstore.oas3.yaml'));
    await expect.poll(() => page.inputValue('#api-name')).toBe('swagger-petstore');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.locator('[data-result="created"]').waitFor();
    const toast = page.locator('#toast .toast');
    await toast.waitFor();
    const box = (await toast.boundingBox())!;
    await page.locator('#toast').evaluate((el) => (el.style.visibility = 'hidden'));
    const covered = (await visibleControls(page, '#toast')).filter((c) => overlaps(box, c));
    await page.locator('#toast').evaluate((el) => (el.style.visibility = ''));
    expect(covered.map((c) => c.name)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'view-published-phone.png') });
    await page.context().close();
  });
});

describe('the publish form is the home view’s', () => {
  test('shown on the home view only; its result only above the version it published', async () => {
    const page = await open('#/', WIDTHS.desktop);
    await page.locator('#apis-nav .api-link').first().waitFor();
    expect(await page.locator('#upload-card').isVisible()).toBe(true);
    for (const view of VIEWS.slice(1)) {
      await page.goto(`/${view.hash}`);
      await page.locator(view.ready).first().waitFor();
      expect(await page.locator('#upload-card').isVisible(), view.name).toBe(false);
    }
    // A publish shows its result above the version it went to, and nowhere else afterwards.
    await page.goto('/#/');
    await page.locator('#paste-details > summary').click();
    await page.fill('#spec-text', fixture('pets-v1.yaml'));
    await page.fill('#api-name', 'pets-copy');
    await page.fill('#api-version', '1');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.locator('[data-result="created"]').waitFor();
    expect(await page.evaluate(() => location.hash)).toBe('#/apis/pets-copy/1');
    await page.locator('details.op').first().waitFor();
    await page.goto('/#/behaviour/pets-copy');
    await page.locator('#behaviour-form').waitFor();
    expect(await page.locator('[data-result]').count()).toBe(0);
    await page.context().close();
  });

  test('on a phone, an API page starts at the top: the behaviour form is on the first screen', async () => {
    const page = await open('#/behaviour/pets', WIDTHS.phone);
    await page.locator('fieldset.behaviour-op').waitFor();
    const form = (await page.locator('#behaviour-form').boundingBox())!;
    expect(form.y).toBeLessThan(WIDTHS.phone.height / 2);
    await page.context().close();
  });
});

describe('the behaviour form', () => {
  for (const [width, viewport] of Object.entries(WIDTHS)) {
    test(`${width}: one-line labels, and the inputs of a row at one height, each under its label`, async () => {
      const page = await open('#/behaviour/pets', viewport);
      await page.locator('fieldset.behaviour-op').waitFor();
      const fields = await page.locator('#behaviour-form .behaviour-grid .field').evaluateAll((els) =>
        els.map((el) => {
          const label = el.querySelector('label')!;
          const input = el.querySelector('input')!;
          const lb = label.getBoundingClientRect();
          const ib = input.getBoundingClientRect();
          const fb = el.getBoundingClientRect();
          const lineHeight = parseFloat(getComputedStyle(label).lineHeight);
          return {
            top: fb.top,
            bottom: fb.bottom,
            name: label.textContent,
            grid: el.parentElement!.closest('fieldset') ? 'operation' : 'api',
            lines: Math.round(lb.height / lineHeight),
            labelLeft: lb.left,
            labelBottom: lb.bottom,
            inputLeft: ib.left,
            inputTop: ib.top,
            inputHeight: ib.height,
          };
        }),
      );
      expect(fields.length).toBe(10);
      for (const f of fields) {
        expect(f.lines, `${f.name} on one line`).toBe(1);
        expect(Math.abs(f.inputLeft - f.labelLeft), `${f.name} under its label`).toBeLessThan(1);
        expect(f.inputTop, `${f.name} below its label`).toBeGreaterThanOrEqual(f.labelBottom);
      }
      // Inputs in the same row (fields side by side) share a top and a height.
      for (const a of fields)
        for (const b of fields)
          if (a.grid === b.grid && a.top < b.bottom && b.top < a.bottom) {
            expect(Math.abs(a.inputTop - b.inputTop), `${a.name} / ${b.name}`).toBeLessThan(1);
            expect(a.inputHeight).toBe(b.inputHeight);
          }
      await page.context().close();
    });
  }
});
