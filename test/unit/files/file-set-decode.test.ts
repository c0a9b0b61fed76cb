import { describe, expect, it } from 'vitest';
import { FileSet } from '../../../worker/ingest/files/file-set';
import { SYNC_DECODE_BYTES } from '../../../worker/util/utf8';

describe('a multi-file upload decoded ahead', () => {
  it('reads a large file, marked and non-ASCII, as the TextDecoder does, and a small one when asked', async () => {
    const names = Array.from({ length: 4000 }, (_, i) => `"Zoë ${i} — ünïcode"`).join(', ');
    const large = new TextEncoder().encode(`\ufeff{"names": [${names}]}`);
    const small = new TextEncoder().encode('title: Café\n');
    expect(large.byteLength).toBeGreaterThan(SYNC_DECODE_BYTES);
    const files = new FileSet([
      { path: 'names.json', bytes: large },
      { path: 'info.yaml', bytes: small },
    ]);
    await files.decode();
    expect(files.text('names.json')).toBe(new TextDecoder().decode(large));
    expect((files.value('names.json') as { names: string[] }).names[3999]).toBe('Zoë 3999 — ünïcode');
    expect(files.value('info.yaml')).toEqual({ title: 'Café' });
  });
});
