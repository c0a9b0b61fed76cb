import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { engineCall } from '../../support/engine-call';

/** One operation answering `type` with `media` (schema, examples). */
function spec(type: string, media: Record<string, unknown>): string {
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    paths: { '/file': { get: { responses: { '200': { description: 'ok', content: { [type]: media } } } } } },
  });
}

async function answer(type: string, media: Record<string, unknown> = {}) {
  const out = await engineCall(spec(type, media), 'GET', '/file');
  if (!out.ok) throw new Error(out.problem.detail);
  const { body, encoding, headers } = out.response;
  return {
    body,
    encoding,
    type: headers['content-type'],
    bytes: Buffer.from(body ?? '', encoding ?? 'utf8'),
  };
}

const BINARY = { schema: { type: 'string', format: 'binary' } };
const ascii = (bytes: Buffer, from: number, to: number) => bytes.subarray(from, to).toString('latin1');

describe('a file response whose bytes the description leaves open is a small real file', () => {
  it('a PNG whose chunks carry their CRCs and whose pixels inflate to one RGB pixel', async () => {
    const { bytes, encoding, type } = await answer('image/png', BINARY);
    expect(encoding).toBe('base64');
    expect(type).toBe('image/png');
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const chunks: Record<string, Buffer> = {};
    for (let at = 8; at < bytes.length;) {
      const length = bytes.readUInt32BE(at);
      const name = ascii(bytes, at + 4, at + 8);
      const data = bytes.subarray(at + 8, at + 8 + length);
      expect(bytes.readUInt32BE(at + 8 + length), name).toBe(crc32(bytes.subarray(at + 4, at + 8 + length)));
      chunks[name] = data;
      at += 12 + length;
    }
    expect(chunks.IHDR.readUInt32BE(0)).toBe(1); // width
    expect(chunks.IHDR.readUInt32BE(4)).toBe(1); // height
    expect(inflateSync(chunks.IDAT)).toHaveLength(1 + 3); // filter byte, then R, G, B
    expect(Object.keys(chunks).at(-1)).toBe('IEND');
  });

  it('JPEG, GIF and WebP images open with their signatures', async () => {
    const jpeg = (await answer('image/jpeg')).bytes;
    expect([jpeg[0], jpeg[1], jpeg.at(-2), jpeg.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
    const gif = (await answer('image/gif', BINARY)).bytes;
    expect(ascii(gif, 0, 6)).toBe('GIF89a');
    expect([gif.readUInt16LE(6), gif.readUInt16LE(8), gif.at(-1)]).toEqual([1, 1, 0x3b]);
    const webp = (await answer('image/webp')).bytes;
    expect([ascii(webp, 0, 4), ascii(webp, 8, 16)]).toEqual(['RIFF', 'WEBPVP8 ']);
    expect(webp.readUInt32LE(4)).toBe(webp.length - 8);
    expect((await answer('image/svg+xml')).body).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });

  it('a WAV whose header counts its samples, MPEG frames, and a PDF whose xref points at its objects', async () => {
    const wav = (await answer('audio/wav')).bytes;
    expect([ascii(wav, 0, 4), ascii(wav, 8, 16), ascii(wav, 36, 40)]).toEqual(['RIFF', 'WAVEfmt ', 'data']);
    expect([wav.readUInt32LE(4), wav.readUInt32LE(40)]).toEqual([wav.length - 8, wav.length - 44]);
    const mp3 = (await answer('audio/mpeg', BINARY)).bytes;
    for (let at = 0; at < mp3.length; at += 144) expect(mp3.readUInt32BE(at)).toBe(0xfffb18c4);
    const pdf = (await answer('application/pdf')).bytes.toString('latin1');
    expect(pdf.startsWith('%PDF-1.4\n') && pdf.endsWith('%%EOF\n')).toBe(true);
    const startxref = Number(/startxref\n(\d+)/.exec(pdf)![1]);
    expect(pdf.slice(startxref, startxref + 4)).toBe('xref');
    const offsets = [...pdf.matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    offsets.forEach((offset, i) => expect(pdf.slice(offset).startsWith(`${i + 1} 0 obj`)).toBe(true));
  });

  it('keeps what the description says: an example, a constrained string, other types', async () => {
    const example = await answer('image/png', { ...BINARY, example: 'iVBOR-example' });
    expect([example.body, example.encoding]).toEqual(['iVBOR-example', undefined]);
    const short = await answer('image/png', { schema: { type: 'string', format: 'binary', maxLength: 4 } });
    expect(short.encoding).toBeUndefined();
    expect(short.body!.length).toBeLessThanOrEqual(4);
    const byte = await answer('image/png', { schema: { type: 'string', format: 'byte' } });
    expect(byte.encoding).toBeUndefined();
    expect((await answer('application/octet-stream', BINARY)).encoding).toBeUndefined();
  });
});
