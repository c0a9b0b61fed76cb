// A frontend on another origin calling a mock, in a real browser (Debian chromium via playwright-core,
// against `npm run dev`): Chromium's own CORS checks decide what the page may send and read.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDevServer, type DevServer } from '../support/dev-server';
import { launchChromium } from './launch-chromium';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PETSTORE = readFileSync(join(ROOT, 'spec-examples', 'petstore.oas3.yaml'), 'utf8');
const MEDIA = readFileSync(join(ROOT, 'spec-examples', 'media-types.oas3.yaml'), 'utf8');
let server: DevServer;
/** The frontend: a page on its own port of the same loopback, so another origin than the service's. */
let frontend: Server;
let frontendUrl = '';
let browser: Browser;
let stateDir: string;

/** What a page script can see of a response: only what CORS lets through. */
interface Seen {
  status: number;
  operation: string | null;
  ratelimit: string | null;
  next: string | null;
  body: unknown;
}

async function frontendPage(): Promise<Page> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(frontendUrl);
  return page;
}

/** Calls the mock from the page, as a frontend's code would. */
function callFromPage(page: Page, url: string, init: RequestInit = {}): Promise<Seen> {
  return page.evaluate(
    async ({ url, init }) => {
      const res = await fetch(url, init);
      return {
        status: res.status,
        operation: res.headers.get('x-specmock-operation'),
        ratelimit: res.headers.get('ratelimit'),
        next: res.headers.get('x-next'),
        body: await res.json(),
      };
    },
    { url, init },
  );
}

beforeAll(async () => {
  frontend = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>app</title>');
  });
  await new Promise<void>((resolve) => frontend.listen(0, '127.0.0.1', resolve));
  frontendUrl = `http://127.0.0.1:${(frontend.address() as AddressInfo).port}/`;
  stateDir = mkdtempSync(join(tmpdir(), 'specmock-cors-'));
  server = await startDevServer(stateDir);
  browser = await launchChromium();
  const created = await fetch(`${server.url}/v1/keys`, { method: 'POST' });
  const { key } = (await created.json()) as { key: string };
  const published = await fetch(`${server.url}/v1/apis/pets/versions/1`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/yaml' },
    body: PETSTORE,
  });
  expect(published.status).toBe(201);
  const media = await fetch(`${server.url}/v1/apis/media/versions/1`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/yaml' },
    body: MEDIA,
  });
  expect(media.status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  frontend?.close();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

describe('a frontend on another origin', () => {
  test('reads the body and the exposed headers, with and without credentials', async () => {
    const page = await frontendPage();
    const url = `${server.url}/mock/pets/1/pets`;
    for (const credentials of ['omit', 'same-origin', 'include'] as const) {
      const seen = await callFromPage(page, url, { credentials });
      expect(seen.status, credentials).toBe(200);
      expect(Array.isArray(seen.body), credentials).toBe(true);
      // The spec's response header, specmock's own and the quota's: none is CORS-safelisted.
      expect(seen.next, credentials).not.toBeNull();
      expect(seen.operation, credentials).toBe('listPets');
      expect(seen.ratelimit, credentials).toMatch(/"minute";r=\d+;t=\d+/);
    }
    await page.context().close();
  });

  test('sends a JSON body with a custom header (a preflighted call) and reads the answer', async () => {
    const page = await frontendPage();
    const seen = await callFromPage(page, `${server.url}/mock/pets/1/pets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-trace-id': 'abc' },
      body: JSON.stringify({ name: 'Rex' }),
    });
    expect(seen.status).toBe(201);
    expect(seen.operation).toBe('createPets');
    expect(seen.body).toMatchObject({ id: expect.any(Number), name: expect.any(String) });
    await page.context().close();
  });

  test('shows an image the description leaves open (`format: binary`) in an <img>', async () => {
    const page = await frontendPage();
    const size = await page.evaluate(async (src) => {
      const img = document.createElement('img');
      img.src = src;
      document.body.append(img);
      await img.decode();
      return [img.naturalWidth, img.naturalHeight];
    }, `${server.url}/mock/media/1/avatar`);
    expect(size).toEqual([1, 1]);
    await page.context().close();
  });

  test("reads a refusal in the API's own error shape", async () => {
    const page = await frontendPage();
    const seen = await callFromPage(page, `${server.url}/mock/pets/1/pets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tag: 'no name' }),
    });
    expect(seen.status).toBe(422);
    expect(seen.body).toMatchObject({ code: expect.any(Number), message: expect.any(String) });
    await page.context().close();
  });
});
