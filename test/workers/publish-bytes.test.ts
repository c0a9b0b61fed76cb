import { describe, expect, it } from 'vitest';
import { preparePublish } from '../../worker/upload/prepare-publish';
import { readUpload } from '../../worker/upload/read-upload';
import { sha256Hex } from '../../worker/util/hash';

const caps = { maxRequestBytes: 1 << 24, maxFiles: 10, maxTotalBytes: 1 << 24, maxFileBytes: 1 << 24 };
const doc = (title: string) =>
  new Uint8Array(
    new TextEncoder().encode(
      `{"openapi": "3.0.3", "info": {"title": "${title}", "version": "1"}, "paths": {}}`,
    ),
  );
const withBytes = (...parts: (Uint8Array | number[])[]) => new Uint8Array(parts.flatMap((p) => [...p]));

/**
 * A version's hash and stored source are those of the text the upload decodes to, however the upload
 * spelled it: the upload's own bytes stand in for that text's UTF-8 only where they are it.
 */
describe('publishing one document hashes and stores its text', () => {
  const cases: [string, Uint8Array<ArrayBuffer>, boolean][] = [
    ['plain UTF-8 with non-ASCII text', doc('Zoë’s API — ünïcode ✓'), true],
    ['a byte order mark', withBytes([0xef, 0xbb, 0xbf], doc('marked')), false],
    ['an invalid byte', withBytes(doc('bad').subarray(0, 40), [0xff], doc('bad').subarray(40)), false],
    ['a U+FFFD written out', doc('replacement \uFFFD char'), false],
  ];
  for (const [name, bytes, own] of cases)
    it(`with ${name}`, async () => {
      const request = new Request('https://x.test/v1/apis/a/versions/1', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: bytes,
      });
      const upload = await readUpload(request, caps);
      if (upload.kind !== 'document') throw new Error('not read as one document');
      const text = new TextDecoder().decode(bytes);
      expect(upload.text).toBe(text);
      expect(upload.utf8 !== undefined).toBe(own);
      const prepared = await preparePublish(upload);
      expect(prepared.hash).toBe(sha256Hex(text));
      expect(prepared.blobs.source).toBe(text);
    });
});
