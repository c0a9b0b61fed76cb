// The webhooks view in a real browser (issue 21): the API's webhooks and callbacks, a test delivery
// to a loopback receiver listed live with its attempt and the receiver's answer, the payload editor,
// a callback fired by a mock call, the secret, and the view at phone width.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDevServer, type DevServer } from '../support/dev-server';
import { startHookReceiver, signedBy, type HookReceiver } from '../support/hook-receiver';
import { launchChromium } from './launch-chromium';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHOTS = join(ROOT, 'test-results', 'screenshots');
const SPEC = readFileSync(join(ROOT, 'test/fixtures/webhooks/pets-hooks.yaml'), 'utf8');
const API = 'pets-with-hooks';
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };

let server: DevServer;
let browser: Browser;
let receiver: HookReceiver;
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

const control = (path: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...init.headers },
  });
const secretNow = async () =>
  ((await (await control(`/v1/apis/${API}`)).json()) as { webhookSecret: string }).webhookSecret;
const entries = (page: Page) => page.locator('#deliveries-list details.delivery');

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stateDir = mkdtempSync(join(tmpdir(), 'specmock-hooks-'));
  receiver = await startHookReceiver();
  server = await startDevServer(stateDir, ['--var', 'WEBHOOK_TARGETS:any']);
  browser = await launchChromium();
  key = ((await (await fetch(`${server.url}/v1/keys`, { method: 'POST' })).json()) as { key: string }).key;
  const res = await control(`/v1/apis/${API}/versions/1.0.0`, {
    method: 'PUT',
    headers: { 'content-type': 'application/yaml' },
    body: SPEC,
  });
  expect(res.status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await receiver?.close();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

describe('webhooks in the dashboard', () => {
  test('from the API page: the webhooks and callbacks, a test delivery listed live with its attempt', async () => {
    const { ctx, page } = await newPage();
    await page.goto(`/#/apis/${API}`);
    await page.getByRole('link', { name: 'Webhooks and deliveries' }).click();
    await page.locator('#hooks-list').waitFor();
    expect(
      await page.locator('#hooks-list .hook-row').evaluateAll((rows) => rows.map((r) => r.dataset.name)),
    ).toEqual(expect.arrayContaining(['newPet', 'createPet.petAdded']));
    expect(await page.locator('#deliveries-line').textContent()).toContain('No deliveries yet');

    await page.selectOption('#hook-name', 'newPet');
    await page.fill('#hook-url', `${receiver.url}/from-dashboard`);
    await page.locator('#hook-send').click();
    await expect.poll(() => entries(page).count(), { timeout: 15_000 }).toBe(1);
    const entry = entries(page).first();
    await expect.poll(() => entry.getAttribute('data-status'), { timeout: 15_000 }).toBe('delivered');
    const got = receiver.received.find((r) => r.path === '/from-dashboard');
    expect(got?.headers['specmock-webhook']).toBe('newPet');
    expect(signedBy(got!, await secretNow())).toBe(true);

    await entry.locator('summary').click();
    const text = (await entry.textContent()) ?? '';
    expect(text).toContain('newPet');
    expect(text).toContain('1 attempt');
    expect(text).toContain('specmock-signature: t=');
    expect(await entry.locator('.delivery-attempt').count()).toBe(1);
    expect(await entry.locator('.delivery-attempt .status').textContent()).toBe('200');
    expect(text).toContain('x-receiver: hook-receiver');
    await ctx.close();
  });

  test('the payload editor sends what is written, and shows why the schema refuses a payload', async () => {
    const { ctx, page } = await newPage();
    await page.goto(`/#/webhooks/${API}`);
    await page.locator('#hook-form').waitFor();
    expect(await page.inputValue('#hook-url')).toBe(`${receiver.url}/from-dashboard`);
    await page.fill('#hook-url', `${receiver.url}/edited`);
    await page.locator('.hook-payload summary').click();
    await page.fill('#hook-payload', '{"id": 1,');
    await page.locator('#hook-send').click();
    expect(await page.locator('#hook-result').textContent()).toContain('not JSON');
    await page.fill('#hook-payload', '{"id": "one", "name": "Rex"}');
    await page.locator('#hook-send').click();
    await page.locator('#hook-result .problem').waitFor();
    expect(await page.locator('#hook-result').textContent()).toContain('400');
    await page.fill('#hook-payload', '{"id": 41, "name": "Rex"}');
    await page.locator('#hook-send').click();
    await expect.poll(() => receiver.received.filter((r) => r.path === '/edited').length).toBe(1);
    expect(JSON.parse(receiver.received.find((r) => r.path === '/edited')!.body)).toEqual({
      id: 41,
      name: 'Rex',
    });
    await ctx.close();
  });

  test('a callback fired by a mock call appears without a reload', async () => {
    const { ctx, page } = await newPage();
    await page.goto(`/#/webhooks/${API}`);
    await entries(page).first().waitFor();
    const before = await entries(page).count();
    const res = await fetch(`${server.url}/mock/${API}/1.0.0/pets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Bella', callbackUrl: `${receiver.url}/callback` }),
    });
    expect(res.status).toBe(201);
    await expect.poll(() => entries(page).count(), { timeout: 15_000 }).toBe(before + 1);
    const top = entries(page).first();
    expect(await top.textContent()).toContain('createPet.petAdded');
    expect(await top.textContent()).toContain('callback');
    await ctx.close();
  });

  test('the secret is hidden until shown, copies, and rotates after a confirmation', async () => {
    const { ctx, page } = await newPage();
    await page.goto(`/#/webhooks/${API}`);
    const value = page.locator('#hook-secret-value');
    const secret = await secretNow();
    expect(await value.textContent()).not.toContain(secret);
    await page.locator('#hook-secret').getByRole('button', { name: 'Show' }).click();
    expect(await value.textContent()).toBe(secret);
    await page.locator('#hook-secret-rotate').click();
    await page.locator('#confirm-ok').click();
    await expect.poll(() => value.textContent()).not.toBe(secret);
    expect(await value.textContent()).toBe(await secretNow());
    await ctx.close();
  });

  test('the webhooks view fits 375 px without horizontal scroll', async () => {
    const { ctx, page } = await newPage(PHONE);
    await page.goto(`/#/webhooks/${API}`);
    await entries(page).first().waitFor();
    for (const summary of await page.locator('#deliveries-list details.delivery summary').all())
      await summary.click();
    await page.locator('.hook-payload summary').click();
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    await page.screenshot({ path: join(SHOTS, 'webhooks-phone.png'), fullPage: true });
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    await ctx.close();
    expect(pageErrors).toEqual([]);
  });
});
