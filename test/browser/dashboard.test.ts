// The dashboard in a real browser (Debian chromium via playwright-core) against `npm run dev`.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contrastFailures } from './contrast';
import { startDevServer, type DevServer } from '../support/dev-server';
import { launchChromium } from './launch-chromium';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHOTS = join(ROOT, 'test-results', 'screenshots');
const PETSTORE = join(ROOT, 'spec-examples', 'petstore.oas3.yaml');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 812 };
const OP = 'details.op[data-op="GET /pets/{petId}"]';

let server: DevServer;
let browser: Browser;
let stateDir: string;
let key = '';
const cspViolations: string[] = [];
const pageErrors: string[] = [];

async function newPage(
  viewport = DESKTOP,
  options: { colorScheme?: 'light' | 'dark'; withKey?: boolean } = {},
): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({
    viewport,
    colorScheme: options.colorScheme ?? 'light',
    baseURL: server.url,
  });
  if (options.withKey && key) {
    await ctx.addInitScript((k) => localStorage.setItem('specmock.key', k), key);
  }
  const page = await ctx.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
  });
  page.on('pageerror', (err) => pageErrors.push(err.message));
  return { ctx, page };
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function noHorizontalScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stateDir = mkdtempSync(join(tmpdir(), 'specmock-browser-'));
  server = await startDevServer(stateDir);
  browser = await launchChromium(['--disable-quic', '--disable-component-update', '--disable-sync']);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

describe('dashboard', () => {
  test('is served with a strict CSP and nosniff', async () => {
    for (const path of ['/', '/js/app.js', '/styles.css']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect((await fetch(`${server.url}/_headers`)).status).not.toBe(200);
  });

  test('first load transfers under 100 KiB (gzip)', async () => {
    const { ctx, page } = await newPage();
    const bodies: Promise<{ url: string; size: number }>[] = [];
    page.on('response', (res) => {
      if (
        res.url().startsWith(server.url) &&
        res.request().method() === 'GET' &&
        !/\/(v1|healthz)/.test(new URL(res.url()).pathname)
      ) {
        bodies.push(res.body().then((b) => ({ url: res.url(), size: gzipSync(b).length })));
      }
    });
    await page.goto('/');
    await page.waitForSelector('#onboarding:not([hidden])');
    await page.waitForLoadState('networkidle');
    const files = await Promise.all(bodies);
    const total = files.reduce((s, f) => s + f.size, 0);
    console.log(`first load: ${files.length} files, ${(total / 1024).toFixed(1)} KiB gzip`);
    expect(files.some((f) => f.url.endsWith('/js/app.js'))).toBe(true);
    expect(total).toBeLessThan(100 * 1024);
    await shot(page, 'desktop-1-onboarding');
    await ctx.close();
  });

  test('full flow: create a key, upload petstore by file input, see the mock URL, try GET /pets/{petId}', async () => {
    const { ctx, page } = await newPage();
    await page.goto('/');
    await page.getByRole('button', { name: 'Create a key' }).click();
    await page.waitForSelector('#app:not([hidden])');
    key = await page.evaluate(() => localStorage.getItem('specmock.key') ?? '');
    expect(key).not.toBe('');
    await expect.poll(() => page.locator('#usage .usage-row').count()).toBe(2);

    await page.setInputFiles('#spec-file', PETSTORE);
    await expect.poll(() => page.inputValue('#api-name')).toBe('swagger-petstore');
    expect(await page.inputValue('#api-version')).toBe('1.0.0');
    await page.evaluate(() => {
      const bar = document.getElementById('upload-progress')!;
      new MutationObserver(() => {
        if (!bar.hidden) document.body.dataset.progressSeen = 'yes';
      }).observe(bar, { attributes: true });
    });
    await page.getByRole('button', { name: 'Publish' }).click();

    // The result sits above the published version's page, which shows its mock URL first.
    await page.locator('[data-result="created"]').waitFor();
    expect(await page.locator('#view .url').first().textContent()).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/mock\/swagger-petstore\/1\.0\.0$/,
    );
    await page.locator('#apis-nav').getByText('swagger-petstore').waitFor();
    await page.locator(OP).waitFor();
    await shot(page, 'desktop-2-published');
    expect(await page.evaluate(() => document.body.dataset.progressSeen)).toBe('yes');

    // The original text can be downloaded back.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download source' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('swagger-petstore-1.0.0.yaml');

    // The ready-to-paste snippets call the mock for real.
    await page.getByText('Snippets: curl and fetch').click();
    const curl = (await page.locator('.snippets pre').first().textContent()) ?? '';
    expect(curl).toMatch(/^curl -i '[^']+\/mock\/swagger-petstore\/1\.0\.0\/pets'/);
    const snippetUrl = /'([^']+)'/.exec(curl)![1];
    const snippetRes = await fetch(snippetUrl, { headers: { Prefer: 'code=200, seed=1' } });
    expect(snippetRes.status).toBe(200);
    expect(Array.isArray(await snippetRes.json())).toBe(true);

    await page.locator(`${OP} > summary`).click();
    await page.locator(`${OP} input[name="petId"]`).fill('42');
    await page.locator(`${OP} button[type=submit]`).click();
    const body = page.locator(`${OP} .response-body`);
    await body.waitFor();
    expect(await page.locator(`${OP} .status`).getAttribute('data-status')).toBe('200');
    const parsed = JSON.parse((await body.textContent()) ?? '');
    expect(typeof parsed).toBe('object');
    expect(parsed).not.toBeNull();
    expect(await page.locator(`${OP} .response-line`).textContent()).toMatch(/\d+ ms/);
    await shot(page, 'desktop-3-try-it');

    // A body prefilled from the operation's request example, sent with its media type.
    const post = 'details.op[data-op="POST /pets"]';
    await page.locator(`${post} > summary`).click();
    const prefilled = await page.locator(`${post} textarea.code`).first().inputValue();
    expect(typeof JSON.parse(prefilled)).toBe('object');
    await page.locator(`${post} button[type=submit]`).click();
    await page.locator(`${post} .response-body`).waitFor();
    expect(await page.locator(`${post} .status`).getAttribute('data-status')).toBe('201');
    await ctx.close();
  });

  test('re-uploading identical content says unchanged; a conflicting drop suggests the next version', async () => {
    const { ctx, page } = await newPage(DESKTOP, { withKey: true });
    await page.goto('/');
    await page.setInputFiles('#spec-file', PETSTORE);
    await expect.poll(() => page.inputValue('#api-name')).toBe('swagger-petstore');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.locator('[data-result="unchanged"]').waitFor();

    // Different content under the same version, dropped onto the page.
    const changed = readFileSync(PETSTORE, 'utf8').replace('The classic pet store', 'A changed pet store');
    const dt = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'petstore-changed.yaml', { type: 'application/yaml' }));
      return transfer;
    }, changed);
    await page.dispatchEvent('body', 'dragenter', { dataTransfer: dt });
    await page.dispatchEvent('body', 'drop', { dataTransfer: dt });
    await expect.poll(() => page.locator('#file-name').textContent()).toContain('petstore-changed.yaml');
    await page.getByRole('button', { name: 'Publish' }).click();
    const suggest = page.getByRole('button', { name: 'Publish as 1.0.1' });
    await suggest.waitFor();
    await suggest.click();
    const created = page.locator('[data-result="created"]');
    await created.waitFor();
    expect(await created.textContent()).toContain('swagger-petstore 1.0.1');
    await ctx.close();
  });

  test('a Swagger 2.0 JSON file: name from info.title, operations listed', async () => {
    const { ctx, page } = await newPage(DESKTOP, { withKey: true });
    await page.goto('/');
    await page.setInputFiles('#spec-file', join(ROOT, 'spec-examples', 'petstore.swagger2.json'));
    await expect.poll(() => page.inputValue('#api-name')).toBe('swagger-petstore-2-0');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.locator('[data-result="created"]').waitFor();
    await page.locator('details.op').first().waitFor();
    expect(await page.locator('details.op').count()).toBeGreaterThan(0);
    await page.locator('#apis-nav').getByText('swagger-petstore-2-0').click();
    await page.getByRole('button', { name: 'Delete API' }).click();
    await page.locator('#confirm-dialog').getByRole('button', { name: 'Delete API' }).click();
    await expect.poll(() => page.locator('#apis-nav').textContent()).not.toContain('swagger-petstore-2-0');
    await ctx.close();
  });

  test('try-it: credentials, query and header params, choosing an example, tag groups', async () => {
    const spec = readFileSync(join(ROOT, 'test', 'browser', 'fixtures', 'secured.oas31.yaml'), 'utf8');
    const put = await fetch(`${server.url}/v1/apis/notes/versions/2.1`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/yaml' },
      body: spec,
    });
    expect(put.status, await put.clone().text()).toBe(201);
    const { ctx, page } = await newPage(DESKTOP, { withKey: true });
    await page.goto('/#/apis/notes/2.1');
    const op = 'details.op[data-op="GET /notes"]';
    await page.locator(op).waitFor();
    expect(await page.locator('.op-group-title').allTextContents()).toEqual(['notes 1', 'admin 1']);
    await page.locator(`${op} > summary`).click();
    expect(await page.locator(`${op} input[name="q"]`).inputValue()).toBe('groceries');
    // An optional parameter without an example in the spec is left empty (the sample is a placeholder).
    expect(await page.locator(`${op} input[name="X-Trace"]`).inputValue()).toBe('');
    const extra = page.locator(`${op} textarea`).first();
    expect(await extra.inputValue()).toContain('Authorization: Bearer');

    // Pick the example "two" through the Prefer header.
    await page.locator(`${op} select`).first().selectOption('200');
    await page.locator(`${op} select`).nth(1).selectOption('two');
    await page.locator(`${op} button[type=submit]`).click();
    await page.locator(`${op} .response-body`).waitFor();
    expect(await page.locator(`${op} .status`).getAttribute('data-status')).toBe('200');
    expect(JSON.parse((await page.locator(`${op} .response-body`).textContent()) ?? '')).toHaveLength(2);

    // Without credentials the mock answers 401, and the panel shows it.
    await extra.fill('');
    await page.locator(`${op} select`).first().selectOption('');
    await page.locator(`${op} button[type=submit]`).click();
    await expect.poll(() => page.locator(`${op} .status`).getAttribute('data-status')).toBe('401');

    // Filtering by text hides the other group.
    await page.fill('#op-filter', 'health');
    expect(await page.locator(op).isHidden()).toBe(true);
    await ctx.close();
    const del = await fetch(`${server.url}/v1/apis/notes`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${key}` },
    });
    expect(del.status).toBe(204);
  });

  test('client-side suggestions: slug, version, next free version', async () => {
    const { ctx, page } = await newPage();
    await page.goto('/');
    // A source string, so the test runner does not rewrite the page's dynamic import().
    const out = (await page.evaluate(`(async () => {
      const m = await import('/js/spec-guess.js');
      return {
        yaml: m.guessFromText('openapi: 3.1.0\\ninfo:\\n  description: |\\n    title: not this\\n  title: "Über API: v2 ☃" # comment\\n  version: \\'2.0 beta\\'\\npaths: {}\\n'),
        json: m.guessFromText('{"openapi":"3.0.0","info":{"title":"  Hello   World  ","version":"latest"}}'),
        long: m.slugify('x'.repeat(80)).length,
        github: m.slugify("GitHub's official OpenAPI spec + Octokit extension"),
        next: [m.nextFreeVersion('1.0.0', ['1.0.0', '1.0.1']), m.nextFreeVersion('1.0.9', ['1.0.9']), m.nextFreeVersion('beta', ['beta'])],
      };
    })()`)) as {
      yaml: Record<string, string>;
      json: Record<string, string>;
      long: number;
      github: string;
      next: string[];
    };
    expect(out.yaml).toMatchObject({ name: 'uber-api-v2', versionSuggestion: '2.0-beta' });
    expect(out.json).toMatchObject({ name: 'hello-world' });
    expect(out.json.versionSuggestion).not.toBe('latest');
    expect(out.long).toBe(63);
    // A long title names the API in a few words, not a sentence.
    expect(out.github).toBe('github-octokit');
    expect(out.next).toEqual(['1.0.2', '1.0.10', 'beta-2']);
    await ctx.close();
  });

  test('a rejected upload shows the problem details with where it is', async () => {
    const { ctx, page } = await newPage(DESKTOP, { withKey: true });
    await page.goto('/');
    await page.locator('#paste-details > summary').click();
    await page.fill(
      '#spec-text',
      'openapi: 3.0.3\ninfo:\n  title: Broken\n  version: 1.0.0\npaths:\n  /a: [unclosed\n    get: {}\n',
    );
    await expect.poll(() => page.inputValue('#api-name')).toBe('broken');
    await page.getByRole('button', { name: 'Publish' }).click();
    const problem = page.locator('#upload-result .problem');
    await problem.waitFor();
    expect(await problem.locator('.problem-title').textContent()).toMatch(/HTTP 400/);
    expect(await problem.locator('.problem-errors li').count()).toBeGreaterThan(0);
    expect(await problem.locator('.problem-errors .loc').first().textContent()).toMatch(/line \d+/);
    await shot(page, 'desktop-4-rejected');

    // Not OpenAPI at all: 422 with pointers.
    await page.fill('#spec-text', '{"hello": "world"}');
    await page.fill('#api-name', 'not-openapi');
    await page.fill('#api-version', '1');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.locator('#upload-result .problem').waitFor();
    expect(await page.locator('#upload-result .problem-title').textContent()).toMatch(/HTTP 4\d\d/);
    await ctx.close();
  });

  test('keyboard: tabbing shows a visible focus indicator on every stop', async () => {
    const { ctx, page } = await newPage(DESKTOP, { withKey: true });
    await page.goto('/#/apis/swagger-petstore/1.0.0');
    await page.locator(OP).waitFor();
    const seen: string[] = [];
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const target = el.matches('input[type=file]') ? (el.closest('.dropzone') as HTMLElement) : el;
        const cs = getComputedStyle(target);
        const rect = target.getBoundingClientRect();
        return {
          name: `${el.tagName.toLowerCase()}#${el.id}.${el.className}`,
          visible:
            (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || cs.boxShadow !== 'none',
          onScreen: rect.width > 0 && rect.height > 0,
        };
      });
      if (!info) continue;
      seen.push(info.name);
      expect(info.visible, `focus ring on ${info.name}`).toBe(true);
      expect(info.onScreen, `${info.name} on screen`).toBe(true);
    }
    expect(seen[0]).toContain('skip-link');
    expect(seen.length).toBeGreaterThan(8);

    // Operations open with the keyboard.
    await page.locator(`${OP} > summary`).focus();
    await page.keyboard.press('Enter');
    expect(await page.locator(OP).evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await ctx.close();
  });

  test('phone width (375 px): no horizontal scroll; screenshots', async () => {
    const { ctx, page } = await newPage(PHONE, { withKey: true });
    await page.goto('/#/apis/swagger-petstore/1.0.0');
    await page.locator(OP).waitFor();
    await noHorizontalScroll(page);
    await page.locator(`${OP} > summary`).click();
    await page.locator(`${OP} button[type=submit]`).click();
    await page.locator(`${OP} .response-body`).waitFor();
    await noHorizontalScroll(page);
    await shot(page, 'phone-2-version');
    await page.goto('/#/apis/swagger-petstore');
    await page.locator('.version-row').first().waitFor();
    await noHorizontalScroll(page);
    await shot(page, 'phone-3-api');
    await ctx.close();

    const fresh = await newPage(PHONE);
    await fresh.page.goto('/');
    await fresh.page.waitForSelector('#onboarding:not([hidden])');
    await noHorizontalScroll(fresh.page);
    await shot(fresh.page, 'phone-1-onboarding');
    await fresh.ctx.close();
  });

  test('dark theme follows the system', async () => {
    const { ctx, page } = await newPage(DESKTOP, { withKey: true, colorScheme: 'dark' });
    await page.goto('/#/apis/swagger-petstore/1.0.0');
    await page.locator(OP).waitFor();
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(14, 17, 22)');
    await page.locator(`${OP} > summary`).click();
    await page.locator(`${OP} button[type=submit]`).click();
    await page.locator(`${OP} .response-body`).waitFor();
    await shot(page, 'desktop-5-dark');
    await ctx.close();
  });

  test('sandboxes: create a seeded one, use its URL, reset it and delete it from the API view', async () => {
    const { ctx, page } = await newPage(DESKTOP, { withKey: true });
    await page.goto('/#/apis/swagger-petstore');
    await page.getByText('No sandboxes.').waitFor();
    await page.getByLabel('Seed').fill('browser-run');
    await page.getByRole('button', { name: 'Create sandbox' }).click();
    const row = page.locator('.sandbox-row');
    await row.waitFor();
    const url = (await row.locator('.sandbox-url').textContent()) ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sandbox\/sb_[0-9a-f]{32}$/);
    expect(await row.locator('.sandbox-meta').textContent()).toContain('seed browser-run');
    await shot(page, 'desktop-sandboxes');

    const start = await (await fetch(`${url}/pets`)).text();
    const created = await fetch(`${url}/pets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Browser pet' }),
    });
    expect(created.status).toBe(201);
    expect(await (await fetch(`${url}/pets`)).text()).not.toBe(start);
    await row.getByRole('button', { name: /^Reset sandbox/ }).click();
    await expect.poll(async () => (await fetch(`${url}/pets`)).text()).toBe(start);

    await row.getByRole('button', { name: /^Delete sandbox/ }).click();
    await page.locator('#confirm-dialog').getByRole('button', { name: 'Delete sandbox' }).click();
    await page.getByText('No sandboxes.').waitFor();
    expect((await fetch(`${url}/pets`)).status).toBe(404);
    await ctx.close();
  });

  test('deletion: a version, then the API, each after a confirmation dialog', async () => {
    const { ctx, page } = await newPage(DESKTOP, { withKey: true });
    await page.goto('/#/apis/swagger-petstore');
    await page.locator('.version-row').nth(1).waitFor();
    expect(await page.locator('.version-row').count()).toBe(2);

    // Cancel first: nothing is deleted.
    await page.getByRole('button', { name: 'Delete version 1.0.1' }).click();
    const dialog = page.locator('#confirm-dialog');
    await dialog.waitFor({ state: 'visible' });
    await shot(page, 'desktop-6-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.locator('.version-row').count()).toBe(2);

    await page.getByRole('button', { name: 'Delete version 1.0.1' }).click();
    await dialog.getByRole('button', { name: 'Delete version' }).click();
    await expect.poll(() => page.locator('.version-row').count()).toBe(1);
    expect((await fetch(`${server.url}/mock/swagger-petstore/1.0.1/pets`)).status).toBe(404);

    await page.getByRole('button', { name: 'Delete API' }).click();
    await dialog.getByRole('button', { name: 'Delete API' }).click();
    await page.locator('#apis-nav').getByText('No APIs yet').waitFor();
    const res = await fetch(`${server.url}/v1/apis/swagger-petstore`, {
      headers: { Authorization: `Bearer ${key}` },
    });
    expect(res.status).toBe(404);
    await ctx.close();
  });

  test('friendly states: an invalid key and an unreachable service', async () => {
    const { ctx, page } = await newPage(DESKTOP);
    await page.goto('/');
    await page.fill('#paste-key', 'sk_not_a_real_key');
    await page.getByRole('button', { name: 'Use key' }).click();
    await expect.poll(() => page.locator('#paste-key-error').textContent()).toMatch(/not accepted/);

    // The service goes away: requests fail at the network level.
    await page.fill('#paste-key', key);
    await page.route('**/v1/**', (route) => route.abort('connectionrefused'));
    await page.getByRole('button', { name: 'Use key' }).click();
    await expect.poll(() => page.locator('#paste-key-error').textContent()).toMatch(/reach specmock/);
    await ctx.close();
  });

  test('forgetting the key asks first and returns to the start', async () => {
    const { ctx, page } = await newPage(DESKTOP, { withKey: true });
    await page.goto('/');
    await page.locator('#key-chip').waitFor();
    await page.getByRole('button', { name: 'Forget' }).click();
    await page.locator('#confirm-dialog').getByRole('button', { name: 'Forget key' }).click();
    await page.waitForSelector('#onboarding:not([hidden])');
    expect(await page.evaluate(() => localStorage.getItem('specmock.key'))).toBeNull();
    await ctx.close();
  });

  test('text contrast meets WCAG AA in light and dark themes', async () => {
    // Runs after deletion, so publish a small spec again for this key.
    const spec = readFileSync(PETSTORE, 'utf8');
    let put = new Response(null, { status: 599 });
    for (let attempt = 0; attempt < 3; attempt++) {
      // wrangler dev answers 503 for a moment while it reloads after a source change.
      put = await fetch(`${server.url}/v1/apis/contrast/versions/1`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/yaml' },
        body: spec,
      });
      if (put.status !== 503) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(put.status, await put.clone().text()).toBe(201);
    for (const colorScheme of ['light', 'dark'] as const) {
      const { ctx, page } = await newPage(DESKTOP, { withKey: true, colorScheme });
      await page.goto('/#/apis/contrast/1');
      await page.locator(OP).waitFor();
      await page.locator(`${OP} > summary`).click();
      await page.locator(`${OP} button[type=submit]`).click();
      await page.locator(`${OP} .response-body`).waitFor();
      await page.getByText('Snippets: curl and fetch').click();
      expect(await contrastFailures(page), colorScheme).toEqual([]);
      // The publish form lives on the home view.
      await page.goto('/#/');
      await page.locator('#paste-details > summary').click();
      await page.fill('#spec-text', 'openapi: 3.0.3\ninfo: [\n');
      await page.fill('#api-name', 'contrast');
      await page.fill('#api-version', '2');
      await page.getByRole('button', { name: 'Publish' }).click();
      await page.locator('#upload-result .problem').waitFor();
      await page.waitForTimeout(3200); // let the toasts go
      expect(await contrastFailures(page), colorScheme).toEqual([]);
      await page.goto('/#/apis/contrast');
      await page.locator('.version-row').first().waitFor();
      expect(await contrastFailures(page), colorScheme).toEqual([]);
      await ctx.close();
    }
    const fresh = await newPage(DESKTOP, { colorScheme: 'dark' });
    await fresh.page.goto('/');
    await fresh.page.waitForSelector('#onboarding:not([hidden])');
    expect(await contrastFailures(fresh.page)).toEqual([]);
    await fresh.ctx.close();
  });

  test('no CSP violations and no page errors', () => {
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
