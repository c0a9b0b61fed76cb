import { Zip, ZipDeflate } from 'fflate';
import { describe, expect, it } from 'vitest';
import { refusal } from '../../support/refusal';
import { readUpload } from '../../../worker/upload/read-upload';
import type { UploadCaps } from '../../../worker/upload/upload-caps';
import { tarGzOf, tarOf, zipOf, type TestFile } from '../../support/archives';

const MiB = 1024 * 1024;
const CAPS: UploadCaps = {
  maxRequestBytes: 4 * MiB,
  maxFiles: 20,
  maxTotalBytes: 2 * MiB,
  maxFileBytes: MiB,
};
const enc = new TextEncoder();
const file = (path: string, text: string): TestFile => ({ path, bytes: enc.encode(text) });
const FILES = [file('openapi.yaml', 'openapi: 3.0.3\n'), file('schemas/pet.yaml', 'type: object\n')];

const put = (body: BodyInit, contentType?: string, query = '') =>
  new Request(`https://x.test/v1/apis/a/versions/1${query}`, {
    method: 'PUT',
    body,
    ...(contentType ? { headers: { 'content-type': contentType } } : {}),
  });

const texts = (files: { path: string; bytes: Uint8Array }[]) =>
  Object.fromEntries(files.map((f) => [f.path, new TextDecoder().decode(f.bytes)]));

describe('reading a publish body', () => {
  it('keeps a lone multipart `spec` field a single document, as before', async () => {
    const form = new FormData();
    form.append('spec', new Blob(['openapi: 3.0.3\n'], { type: 'application/yaml' }), 'openapi.yaml');
    expect(await readUpload(put(form), CAPS)).toEqual({
      kind: 'document',
      text: 'openapi: 3.0.3\n',
      contentType: 'application/yaml',
    });
  });

  it('reads multipart files by their paths, with the entry field', async () => {
    const form = new FormData();
    for (const f of FILES) form.append('file', new Blob([f.bytes]), f.path);
    form.append('entry', 'openapi.yaml');
    const upload = await readUpload(put(form), CAPS);
    expect(upload.kind === 'files' && upload.entry).toBe('openapi.yaml');
    expect(upload.kind === 'files' && texts(upload.files)).toEqual(texts(FILES));
  });

  it.each([
    ['zip', zipOf(FILES), 'application/zip'],
    ['tar.gz', tarGzOf(FILES), 'application/gzip'],
    ['tar', tarOf(FILES), 'application/x-tar'],
    ['zip sent as octet-stream', zipOf(FILES), 'application/octet-stream'],
  ])('reads a %s body with ?entry=', async (_name, bytes, type) => {
    const upload = await readUpload(put(bytes, type, '?entry=openapi.yaml'), CAPS);
    expect(upload.kind).toBe('files');
    if (upload.kind !== 'files') return;
    expect(upload.entry).toBe('openapi.yaml');
    expect(texts(upload.files)).toEqual(texts(FILES));
    expect(upload.archive?.bytes).toEqual(bytes);
  });

  it('reads a zip written as a stream (sizes in data descriptors after each entry)', async () => {
    const chunks: Uint8Array[] = [];
    const zip = new Zip((err, chunk) => {
      if (err) throw err;
      chunks.push(chunk);
    });
    for (const f of FILES) {
      const entry = new ZipDeflate(f.path);
      zip.add(entry);
      entry.push(f.bytes, true);
    }
    zip.end();
    const bytes = new Uint8Array(Buffer.concat(chunks));
    // General-purpose flag bit 3: the local header carries no sizes.
    expect(new DataView(bytes.buffer).getUint16(6, true) & 8).toBe(8);
    const upload = await readUpload(put(bytes, 'application/zip'), CAPS);
    expect(upload.kind === 'files' && texts(upload.files)).toEqual(texts(FILES));
  });

  it('reads names past 100 bytes from pax headers', async () => {
    const long = `${'deep/'.repeat(30)}pet.yaml`;
    const upload = await readUpload(put(tarGzOf([file(long, 'type: object\n')]), 'application/gzip'), CAPS);
    expect(upload.kind === 'files' && upload.files.map((f) => f.path)).toEqual([long]);
  });

  it('skips folders and macOS metadata in a zip', async () => {
    const zip = zipOf([...FILES, file('__MACOSX/._openapi.yaml', 'x'), file('.DS_Store', 'x')]);
    const upload = await readUpload(put(zip, 'application/zip'), CAPS);
    expect(upload.kind === 'files' && upload.files.map((f) => f.path).sort()).toEqual([
      'openapi.yaml',
      'schemas/pet.yaml',
    ]);
  });
});

describe('the caps and the refusals', () => {
  const zeros = (n: number) => ({ path: 'big.yaml', bytes: new Uint8Array(n) });

  it('stops a zip bomb while inflating, even when the archive lies about the size', async () => {
    const zip = zipOf([zeros(64 * MiB)]);
    expect(zip.length).toBeLessThan(200_000);
    // The central directory's uncompressed size (offset 24 of its entry) now claims 10 bytes.
    const view = new DataView(zip.buffer, zip.byteOffset);
    const central = zip.length - 22 - (46 + 'big.yaml'.length);
    expect(view.getUint32(central, true)).toBe(0x02014b50);
    view.setUint32(central + 24, 10, true);
    const problem = await refusal(() => readUpload(put(zip, 'application/zip'), CAPS));
    expect(problem.type).toBe('payload-too-large');
    expect(problem.detail).toContain('big.yaml');
  });

  it('stops a gzip bomb while inflating', async () => {
    const problem = await refusal(() =>
      readUpload(put(tarGzOf([zeros(64 * MiB)]), 'application/gzip'), CAPS),
    );
    expect(problem.type).toBe('payload-too-large');
  });

  it('caps the total of all files', async () => {
    const files = [0, 1, 2].map((i) => ({ path: `f${i}.yaml`, bytes: new Uint8Array(0.9 * MiB) }));
    const problem = await refusal(() => readUpload(put(zipOf(files), 'application/zip'), CAPS));
    expect(problem.type).toBe('payload-too-large');
    expect(problem.extensions).toEqual({ maxTotalBytes: CAPS.maxTotalBytes });
  });

  it('caps the number of files', async () => {
    const files = Array.from({ length: 21 }, (_, i) => file(`f${i}.yaml`, 'a: 1\n'));
    const problem = await refusal(() => readUpload(put(zipOf(files), 'application/zip'), CAPS));
    expect(problem.type).toBe('too-many-files');
  });

  it.each(['../evil.yaml', '/etc/passwd', 'a/../../b.yaml', 'C:/x.yaml'])(
    'refuses an archive entry named %s',
    async (name) => {
      const problem = await refusal(() =>
        readUpload(put(tarOf([file(name, 'a: 1\n')]), 'application/x-tar'), CAPS),
      );
      expect(problem.type).toBe('invalid-file-path');
    },
  );

  it('refuses a damaged zip and a damaged tar', async () => {
    const zip = zipOf(FILES).slice(0, 40);
    expect((await refusal(() => readUpload(put(zip, 'application/zip'), CAPS))).type).toBe('invalid-archive');
    const tar = tarOf(FILES);
    tar[0] ^= 0xff;
    expect((await refusal(() => readUpload(put(tar, 'application/x-tar'), CAPS))).type).toBe(
      'invalid-archive',
    );
  });

  it('refuses two multipart parts with one path', async () => {
    const form = new FormData();
    form.append('file', new Blob(['a: 1']), 'x.yaml');
    form.append('file', new Blob(['a: 2']), './x.yaml');
    expect((await refusal(() => readUpload(put(form), CAPS))).type).toBe('invalid-file-path');
  });
});
