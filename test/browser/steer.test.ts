// The request log, behaviour settings and access panel in a real browser, and every signed-in view
// at phone width (Debian chromium via playwright-core, against `npm run dev`).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDevServer, type DevServer } from '../support/dev-server';
import { launchChromium } from './launch-chromium';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHOTS = join(ROOT, 'test-results', 'screenshots');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };
const API = 'organisation-repositories-with-a-long-name';
const VERSION = '2026.12.01-release-candidate.1';
const LONG =
  '/organizations/{organizationId}/repositories/{repositoryId}/pull-requests/{pullRequestNumber}/review-comments';

/** A spec with long paths, a refusing operation (required body) and a named example. */
const SPEC = JSON.stringify({
  openapi: '3.0.3',
  info: { title: 'Repositories', version: '1' },
  paths: {
    [LONG]: {
      parameters: ['organizationId', 'repositoryId', 'pullRequestNumber'].map((name) => ({
        name,
        in: 'path',
        required: true,
        schema: { type: 'integer' },
      })),
      get: {
        operationId: 'listReviewComments',
        tags: ['reviews'],
        responses: {
          '200': {
            description: 'ok',
            content: {
              'application/json': {
                schema: {
                  type: 'array',
                  items: { type: 'object', properties: { body: { type: 'string' } } },
                },
              },
            },
          },
          '404': { description: 'missing', content: { 'application/json': { example: { missing: true } } } },
        },
      },
      post: {
        operationId: 'createReviewComment',
        tags: ['reviews'],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { type: 'object', required: ['body'], properties: { body: { type: 'string' } } },
            },
          },
        },
        responses: {
          '201': { description: 'created', content: { 'application/json': { schema: { type: 'object' } } } },
        },
      },
    },
    '/health': { get: { tags: ['ops'], responses: { '200': { description: 'ok' } } } },
  },
});

let server: DevServer;
let browser: Browser;
let stateDir: string;
let key = '';
const pageErrors: string[] = [];

async function newPage(viewport = DESKTOP): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport, baseURL: server.url });
  await ctx.addInitScript((k) => localStorage.setItem('specmock.key', k), key);
  const page = await ctx.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  return { ctx, page };
}

async function fits(page: Page, name: string) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  await page.screenshot({ path: join(SHOTS, `steer-${name}.png`), fullPage: true });
  expect(scrollWidth, `${name}: ${scrollWidth} px wide`).toBeLessThanOrEqual(clientWidth);
}

const mockUrl = (path: string) => `${server.url}/mock/${API}/${VERSION}${path}`;
const concrete = '/organizations/1/repositories/2/pull-requests/3/review-comments';
const control = (path: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...init.headers },
  });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stateDir = mkdtempSync(join(tmpdir(), 'specmock-steer-'));
  server = await startDevServer(stateDir);
  browser = await launchChromium();
  const created = await fetch(`${server.url}/v1/keys`, { method: 'POST' });
  key = ((await created.json()) as { key: string }).key;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

describe('steering in the dashboard', () => {
  test('signed in with no API yet, the home view fits a phone', async () => {
    const { ctx, page } = await newPage(PHONE);
    await page.goto('/');
    await page.waitForSelector('#app:not([hidden])');
    await page.getByText('No APIs yet').first().waitFor();
    await fits(page, 'phone-home-empty');
    await ctx.close();
    const res = await control(`/v1/apis/${API}/versions/${VERSION}`, { method: 'PUT', body: SPEC });
    expect(res.status).toBe(201);
  });

  test('the calls view shows new calls live, filterable, each expandable to request, response and problems', async () => {
    const { ctx, page } = await newPage();
    await page.goto(`/#/calls/${API}`);
    await page.locator('#calls-empty:not([hidden])').waitFor();
    // Calls made elsewhere appear without a reload.
    expect((await fetch(mockUrl(concrete))).status).toBe(200);
    const refused = await fetch(mockUrl(concrete), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer secret-of-the-mocked-api' },
      body: JSON.stringify({ nobody: 1 }),
    });
    expect(refused.status).toBe(422);
    await expect.poll(() => page.locator('#calls-list details.call').count(), { timeout: 15_000 }).toBe(2);
    const top = page.locator('#calls-list details.call').first();
    expect(await top.getAttribute('data-status')).toBe('422');
    await top.locator('summary').click();
    const opened = await top.textContent();
    expect(opened).toContain('Why it was refused');
    expect(opened).toContain('body');
    expect(opened).toContain('authorization: [redacted]');
    expect(opened).not.toContain('secret-of-the-mocked-api');
    expect(opened).toContain('"nobody": 1');
    // Filters: server-side by status class, client-side by text.
    await page.selectOption('#calls-status', '2xx');
    await expect.poll(() => page.locator('#calls-list details.call').count()).toBe(1);
    expect(await page.locator('#calls-list details.call').first().getAttribute('data-status')).toBe('200');
    await page.selectOption('#calls-status', '');
    await expect.poll(() => page.locator('#calls-list details.call').count()).toBe(2);
    await page.fill('#calls-text', 'post');
    await expect.poll(() => page.locator('#calls-list details.call:not([hidden])').count()).toBe(1);
    expect(await page.locator('#calls-status-line').textContent()).toMatch(/^1 call shown/);
    await ctx.close();
  });

  test('the behaviour form saves API and per-operation settings that the next mock call obeys', async () => {
    const { ctx, page } = await newPage();
    await page.goto(`/#/behaviour/${API}`);
    await page.locator('#behaviour-form').waitFor();
    const apiGrid = page.locator('#behaviour-form > .behaviour-grid');
    await apiGrid.locator('[data-k="minMs"]').fill('500');
    await apiGrid.locator('[data-k="maxMs"]').fill('100');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('#behaviour-errors:not([hidden])').waitFor();
    expect(await page.locator('#behaviour-errors').textContent()).toContain('/latency/maxMs');

    await apiGrid.locator('[data-k="minMs"]').fill('20');
    await apiGrid.locator('[data-k="maxMs"]').fill('40');
    await apiGrid.locator('[data-k="rate"]').fill('100');
    await apiGrid.locator('[data-k="errorStatus"]').fill('503');
    await page.selectOption('#behaviour-op-pick', `GET ${LONG}`);
    await page.getByRole('button', { name: 'Add operation' }).click();
    const row = page.locator(`fieldset.behaviour-op[data-op="GET ${LONG}"]`);
    await row.locator('[data-k="status"]').fill('404');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.locator('#behaviour-status').textContent()).toContain('Saved');

    const stored = await (await control(`/v1/apis/${API}/behaviour`)).json();
    expect(stored).toEqual({
      latency: { minMs: 20, maxMs: 40 },
      errors: { rate: 1, status: 503 },
      operations: { [`GET ${LONG}`]: { status: 404 } },
    });
    const forced = await fetch(mockUrl(concrete));
    expect(forced.status).toBe(404);
    expect(forced.headers.get('x-specmock-steered')).toMatch(/^latency=\d+ms; status=404$/);
    const failed = await fetch(mockUrl('/health'));
    expect(failed.status).toBe(503);

    // A reload shows what is stored; removing everything restores plain mocking.
    await page.reload();
    await row.waitFor();
    expect(await row.locator('[data-k="status"]').inputValue()).toBe('404');
    await page.getByRole('button', { name: 'Remove all settings' }).click();
    await expect.poll(() => page.locator('#behaviour-status').textContent()).toContain('removed');
    expect(await (await control(`/v1/apis/${API}/behaviour`)).json()).toEqual({});
    const plain = await fetch(mockUrl('/health'));
    expect(plain.status).toBe(200);
    expect(plain.headers.has('x-specmock-steered')).toBe(false);
    await ctx.close();
  });

  test('the access panel makes the mock private, shows the token and rotates it', async () => {
    const { ctx, page } = await newPage();
    await page.goto(`/#/apis/${API}`);
    await page.locator('#access-toggle').click();
    await expect.poll(() => page.locator('#access-visibility').textContent()).toBe('private');
    const token = (await page.locator('#access-token').textContent()) ?? '';
    expect(token).toMatch(/^smt_/);
    expect((await fetch(mockUrl('/health'))).status).toBe(401);
    expect((await fetch(mockUrl('/health'), { headers: { 'x-specmock-token': token } })).status).toBe(200);
    await page.locator('#access-rotate').click();
    await page.locator('#confirm-ok').click();
    await expect.poll(() => page.locator('#access-token').textContent()).not.toBe(token);
    const fresh = (await page.locator('#access-token').textContent()) ?? '';
    expect((await fetch(mockUrl('/health'), { headers: { 'x-specmock-token': token } })).status).toBe(401);
    expect((await fetch(`${mockUrl('/health')}?__token=${fresh}`)).status).toBe(200);
    // The version's try-it sends the token itself.
    await page.goto(`/#/apis/${API}/${VERSION}`);
    const op = page.locator('details.op[data-op="GET /health"]');
    await op.locator('summary').click();
    await op.locator('button[type=submit]').click();
    await op.locator('.status').waitFor();
    expect(await op.locator('.status').getAttribute('data-status')).toBe('200');
    await page.goto(`/#/apis/${API}`);
    await page.locator('#access-toggle').click();
    await expect.poll(() => page.locator('#access-visibility').textContent()).toBe('public');
    await ctx.close();
  });

  test('the operation filter updates group counts, and plurals read right', async () => {
    const { ctx, page } = await newPage();
    await page.goto(`/#/apis/${API}/${VERSION}`);
    await page.locator('.op-group').first().waitFor();
    const count = (tag: string) => page.locator(`.op-group[data-tag="${tag}"] .count`).textContent();
    expect((await count('reviews'))?.trim()).toBe('2');
    await page.fill('#op-filter', 'post');
    await expect.poll(async () => (await count('reviews'))?.trim()).toBe('1');
    expect(await page.locator('.op-group[data-tag="ops"]').isHidden()).toBe(true);
    await page.goto(`/#/apis/${API}`);
    await page.getByRole('heading', { name: '1 version', exact: true }).waitFor();
    expect(await page.locator('#apis-nav').textContent()).toContain('· 1 version');
    await ctx.close();
  });

  test('every signed-in view fits 375 px without horizontal scroll', async () => {
    // Some calls with long paths and bodies for the log, and settings with a long operation.
    await control(`/v1/apis/${API}/behaviour`, {
      method: 'PUT',
      body: JSON.stringify({ operations: { [`POST ${LONG}`]: { latency: { minMs: 1, maxMs: 2 } } } }),
    });
    await fetch(`${mockUrl(concrete)}?an_unusually_long_query_parameter_name=${'v'.repeat(120)}`);
    const { ctx, page } = await newPage(PHONE);
    await page.goto('/');
    await page.locator('#apis-nav .api-link').waitFor();
    await fits(page, 'phone-home');
    await page.goto(`/#/apis/${API}`);
    await page.locator('.version-row').waitFor();
    await fits(page, 'phone-api');
    await page.goto(`/#/apis/${API}/${VERSION}`);
    const op = page.locator(`details.op[data-op="GET ${LONG}"]`);
    await op.locator('summary').click();
    await op.locator('button[type=submit]').click();
    await op.locator('.status').waitFor();
    await page.getByText('Snippets: curl and fetch').click();
    await fits(page, 'phone-version');
    await page.goto(`/#/calls/${API}`);
    await page.locator('#calls-list details.call').first().waitFor();
    for (const call of await page.locator('#calls-list details.call summary').all()) await call.click();
    await fits(page, 'phone-calls');
    await page.goto(`/#/behaviour/${API}`);
    await page.locator('fieldset.behaviour-op').waitFor();
    await fits(page, 'phone-behaviour');
    await ctx.close();
    expect(pageErrors).toEqual([]);
  });
});
