import { describe, expect, it } from 'vitest';
import { expectSameMocks, type DescribedOperation } from '../support/compare-mocks';
import { tarGzOf, zipOf, type TestFile } from '../support/archives';
import { LAYOUTS, type Layout } from '../support/layouts';
import { auth, call, newKey, publish, type ProblemJson } from './helpers';

// Every fixture file as text, keyed by its path under test/fixtures/multi-file/.
const FIXTURES = Object.fromEntries(
  Object.entries(
    import.meta.glob('../fixtures/multi-file/**/*', {
      query: '?raw',
      import: 'default',
      eager: true,
    }) as Record<string, string>,
  ).map(([path, text]) => [path.replace('../fixtures/multi-file/', ''), text]),
);

const bytesOf = (text: string) => new Uint8Array(new TextEncoder().encode(text));
const textOf = (bytes: ArrayBuffer) => new TextDecoder().decode(bytes);
function layoutFiles(layout: Layout): TestFile[] {
  const prefix = `${layout.root}/`;
  return Object.entries(FIXTURES)
    .filter(([path]) => path.startsWith(prefix))
    .map(([path, text]) => ({ path: path.slice(prefix.length), bytes: bytesOf(text) }));
}

function multipart(files: TestFile[], entry?: string): FormData {
  const form = new FormData();
  for (const f of files) form.append('file', new Blob([f.bytes]), f.path);
  if (entry) form.append('entry', entry);
  return form;
}

const put = (key: string, api: string, version: string, body: BodyInit, type?: string, query = '') =>
  call(`/v1/apis/${api}/versions/${version}${query}`, {
    method: 'PUT',
    headers: auth(key, type ? { 'content-type': type } : {}),
    body,
  });

interface Published {
  mockUrl: string;
  operations: number;
  warnings: { pointer: string; message: string }[];
  files?: { entry: string; used: string[]; ignored: string[] };
}

describe('the five multi-file layouts', () => {
  for (const layout of LAYOUTS) {
    it(`${layout.name}: publishes as a folder and serves the bodies of its single-file bundle`, async () => {
      const key = await newKey();
      const files = layoutFiles(layout);
      const res = await put(key, `${layout.name}-folder`, 'v1', multipart([...files].reverse()));
      const folder = (await res.json()) as Published;
      expect(res.status, JSON.stringify(folder)).toBe(201);
      expect(folder.files?.entry).toBe(layout.entry);
      expect(folder.files?.used[0]).toBe(layout.entry);
      const single = (await (
        await publish(key, `${layout.name}-bundled`, 'v1', FIXTURES[`bundled/${layout.name}.yaml`])
      ).json()) as Published;
      expect(folder.operations).toBe(single.operations);

      const meta = (await (
        await call(`/v1/apis/${layout.name}-folder/versions/v1`, { headers: auth(key) })
      ).json()) as {
        operations: DescribedOperation[];
        source: { entry: string; files: string[] };
      };
      expect(meta.source.entry).toBe(layout.entry);
      const fetcher = (url: string, init?: RequestInit) =>
        call(url.replace('https://specmock.test', ''), init);
      await expectSameMocks(fetcher, meta.operations, folder.mockUrl, single.mockUrl, folder.operations);
    });
  }
});

describe('archives', () => {
  const layout = LAYOUTS[0];
  const files = layoutFiles(layout);

  it('publish from a .zip and a .tar.gz with the hash of the same folder sent as multipart', async () => {
    const key = await newKey();
    expect((await put(key, 'cafe', 'v1', multipart(files))).status).toBe(201);
    const zip = await put(key, 'cafe', 'v1', zipOf(files), 'application/zip', `?entry=${layout.entry}`);
    expect(zip.status, await zip.clone().text()).toBe(200);
    const tgz = await put(key, 'cafe', 'v1', tarGzOf([...files].reverse()), 'application/gzip');
    expect(tgz.status, await tgz.clone().text()).toBe(200);
  });

  it('give back the archive as uploaded, and any file it uses', async () => {
    const key = await newKey();
    const bytes = zipOf(files);
    expect((await put(key, 'zipped', 'v1', bytes, 'application/zip')).status).toBe(201);
    const source = await call('/v1/apis/zipped/versions/v1?format=source', { headers: auth(key) });
    expect(source.headers.get('content-type')).toBe('application/zip');
    expect(new Uint8Array(await source.arrayBuffer())).toEqual(bytes);
    const one = await call('/v1/apis/zipped/versions/v1?format=source&file=components/schemas/Order.yaml', {
      headers: auth(key),
    });
    expect(textOf(await one.arrayBuffer())).toBe(FIXTURES[`${layout.root}/components/schemas/Order.yaml`]);
    const readme = await call('/v1/apis/zipped/versions/v1?format=source&file=README.md', {
      headers: auth(key),
    });
    expect(readme.status).toBe(404);
  });
});

describe('multipart sources and refusals', () => {
  it('gives back the entry document, names it, and lists the files', async () => {
    const key = await newKey();
    const files = layoutFiles(LAYOUTS[4]);
    expect((await put(key, 'mono', 'v1', multipart(files))).status).toBe(201);
    const source = await call('/v1/apis/mono/versions/v1?format=source', { headers: auth(key) });
    expect(source.headers.get('specmock-entry')).toBe('pets/openapi.yaml');
    expect(textOf(await source.arrayBuffer())).toBe(FIXTURES['monorepo/pets/openapi.yaml']);
    const meta = (await (await call('/v1/apis/mono/versions/v1', { headers: auth(key) })).json()) as {
      source: { files: string[] };
    };
    expect(meta.source.files).toEqual([
      'pets/openapi.yaml',
      'common/errors.yaml',
      'common/paging.yaml',
      'pets/examples/pet.yaml',
      'pets/paths/pets.yaml',
      'pets/schemas/pet.json',
    ]);
  });

  it('refuses a URL ref in a second file with its file and pointer', async () => {
    const key = await newKey();
    const res = await put(
      key,
      'remote',
      'v1',
      multipart([
        { path: 'openapi.yaml', bytes: bytesOf(FIXTURES['cycle/openapi.yaml']) },
        { path: 'paths/people.yaml', bytes: bytesOf('list:\n  $ref: https://example.com/people.yaml\n') },
        { path: 'schemas/company.json', bytes: bytesOf('{}') },
      ]),
    );
    expect(res.status).toBe(422);
    const problem = (await res.json()) as ProblemJson;
    expect(problem.type).toBe('https://specmock.dev/problems/external-ref');
    expect(problem.errors?.[0].pointer).toBe('paths/people.yaml#/list/$ref');
  });

  it('asks for the entry when two files could be it', async () => {
    const key = await newKey();
    const doc = bytesOf(FIXTURES['bundled/cycle.yaml']);
    const res = await put(
      key,
      'two',
      'v1',
      multipart([
        { path: 'a.yaml', bytes: doc },
        { path: 'b.yaml', bytes: doc },
      ]),
    );
    expect(res.status).toBe(422);
    expect(((await res.json()) as ProblemJson).candidates).toEqual(['a.yaml', 'b.yaml']);
    const named = await put(
      key,
      'two',
      'v1',
      multipart(
        [
          { path: 'a.yaml', bytes: doc },
          { path: 'b.yaml', bytes: doc },
        ],
        'b.yaml',
      ),
    );
    expect(named.status).toBe(201);
  });
});
