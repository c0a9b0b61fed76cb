// Publishing a description split into files from the dashboard (Debian chromium via
// playwright-core, against `npm run dev`): a chosen folder for each of the five layouts, a drop of
// several files, an entry to choose, and errors that name the file.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectSameMocks, type DescribedOperation } from '../support/compare-mocks';
import { startDevServer, type DevServer } from '../support/dev-server';
import { folderFiles, MULTI_FILE } from '../support/fixture-folders';
import { LAYOUTS } from '../support/layouts';
import { launchChromium } from './launch-chromium';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHOTS = join(ROOT, 'test-results', 'screenshots');

let server: DevServer;
let browser: Browser;
let work: string;
let key = '';
const pageErrors: string[] = [];

async function page(): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: server.url });
  await ctx.addInitScript((k) => localStorage.setItem('specmock.key', k), key);
  const p = await ctx.newPage();
  p.on('pageerror', (err) => pageErrors.push(err.message));
  await p.goto('/');
  await p.waitForSelector('#app:not([hidden])');
  return p;
}

async function fill(p: Page, api: string) {
  await p.fill('#api-name', api);
  await p.fill('#api-version', 'v1');
}

async function versionOf(api: string) {
  const res = await fetch(`${server.url}/v1/apis/${api}/versions/v1`, {
    headers: { authorization: `Bearer ${key}` },
  });
  return (await res.json()) as { operations: DescribedOperation[]; mockUrl: string };
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  work = mkdtempSync(join(tmpdir(), 'specmock-browser-multi-'));
  server = await startDevServer(join(work, 'state'));
  key = ((await (await fetch(`${server.url}/v1/keys`, { method: 'POST' })).json()) as { key: string }).key;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
  expect(pageErrors).toEqual([]);
});

describe('a folder chosen in the dashboard', () => {
  for (const layout of LAYOUTS) {
    test(`${layout.name}: detects the entry, publishes, and serves what its bundle serves`, async () => {
      const p = await page();
      await p.setInputFiles('#spec-folder', join(MULTI_FILE, layout.root));
      await expect.poll(() => p.inputValue('#entry-select')).toBe(layout.entry);
      expect(await p.locator('#entry-hint').textContent()).toContain('Detected');
      expect(await p.locator('#files-panel').textContent()).toMatch(/^Entry document/);
      await fill(p, `${layout.name}-web`);
      await p.getByRole('button', { name: 'Publish' }).click();
      const result = p.locator('[data-result="created"]');
      await result.waitFor();
      expect(await result.textContent()).toContain(`entry ${layout.entry}`);
      if (layout.name === 'redocly-starter')
        await p.screenshot({ path: join(SHOTS, 'multi-file-published.png') });

      const bundled = readFileSync(join(MULTI_FILE, 'bundled', `${layout.name}.yaml`), 'utf8');
      const put = await fetch(`${server.url}/v1/apis/${layout.name}-one/versions/v1`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/yaml' },
        body: bundled,
      });
      expect(put.status).toBe(201);
      const [web, one] = await Promise.all([
        versionOf(`${layout.name}-web`),
        versionOf(`${layout.name}-one`),
      ]);
      await expectSameMocks(fetch, web.operations, web.mockUrl, one.mockUrl, 3);
      await p.context().close();
    });
  }
});

describe('several files, an entry to choose, errors per file', () => {
  test('a drop of several loose files publishes them together', async () => {
    const p = await page();
    const files = folderFiles(join(MULTI_FILE, 'swagger-cli')).map((f) => ({
      name: f.path,
      text: new TextDecoder().decode(f.bytes),
    }));
    const dt = await p.evaluateHandle((list) => {
      const transfer = new DataTransfer();
      for (const f of list) transfer.items.add(new File([f.text], f.name));
      return transfer;
    }, files);
    await p.dispatchEvent('body', 'dragenter', { dataTransfer: dt });
    await p.dispatchEvent('body', 'drop', { dataTransfer: dt });
    await expect.poll(() => p.locator('#file-name').textContent()).toContain('4 files');
    expect(await p.inputValue('#entry-select')).toBe('api.yaml');
    // The name and version come from the entry document's info.
    expect(await p.inputValue('#api-name')).toBe('people-places-cli');
    await p.getByRole('button', { name: 'Publish' }).click();
    await p.locator('[data-result="created"]').waitFor();
    await p.context().close();
  });

  test('asks for the entry when two files could be it', async () => {
    const dir = join(work, 'two-entries');
    mkdirSync(dir, { recursive: true });
    const doc = readFileSync(join(MULTI_FILE, 'bundled', 'cycle.yaml'), 'utf8');
    writeFileSync(join(dir, 'v1.yaml'), doc);
    writeFileSync(join(dir, 'v2.yaml'), doc.replace('version: 2.0.0', 'version: 2.1.0'));
    const p = await page();
    await p.setInputFiles('#spec-folder', dir);
    await expect.poll(() => p.locator('#entry-hint').textContent()).toContain('2 files could be the entry');
    await fill(p, 'two-entries');
    await p.getByRole('button', { name: 'Publish' }).click();
    expect(await p.locator('#upload-error').textContent()).toContain('Choose the entry document');
    await p.selectOption('#entry-select', 'v2.yaml');
    await p.getByRole('button', { name: 'Publish' }).click();
    await p.locator('[data-result="created"]').waitFor();
    const source = await fetch(`${server.url}/v1/apis/two-entries/versions/v1?format=source`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(await source.text()).toContain('version: 2.1.0');
    await p.context().close();
  });

  test('a refused upload names the file and the pointer', async () => {
    const dir = join(work, 'remote-ref');
    mkdirSync(join(dir, 'schemas'), { recursive: true });
    const entry = readFileSync(join(MULTI_FILE, 'cycle', 'openapi.yaml'), 'utf8');
    writeFileSync(
      join(dir, 'openapi.yaml'),
      entry.replace('$ref: paths/people.yaml#/byId', '$ref: paths/people.yaml#/list'),
    );
    mkdirSync(join(dir, 'paths'));
    writeFileSync(
      join(dir, 'paths', 'people.yaml'),
      'list:\n  get:\n    responses:\n      "200":\n        $ref: https://example.com/ok.yaml\n',
    );
    writeFileSync(join(dir, 'schemas', 'company.json'), '{"type": "object"}');
    const p = await page();
    await p.setInputFiles('#spec-folder', dir);
    await fill(p, 'remote-ref');
    await p.getByRole('button', { name: 'Publish' }).click();
    const notice = p.locator('#upload-result .notice-error');
    await notice.waitFor();
    expect(await notice.locator('code.pointer').first().textContent()).toBe(
      'paths/people.yaml#/list/get/responses/200/$ref',
    );
    expect(await notice.textContent()).toContain('never fetches URLs');
    await p.screenshot({ path: join(SHOTS, 'multi-file-refused.png') });
    await p.context().close();
  });
});
