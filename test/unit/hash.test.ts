import { describe, expect, it } from 'vitest';
import { sha256Hex, sha256HexBytes } from '../../worker/util/hash';

/** The hash as WebCrypto computes it from the whole UTF-8 at once: shares nothing with hash.ts. */
async function webCrypto(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes the UTF-8 of a text encoded in chunks as the whole text at once', async () => {
    // 1 MiB is the chunk: the 4-byte emoji starts 2 bytes before its end, so a chunk cannot hold it.
    const text = 'a'.repeat((1 << 20) - 2) + '😀' + 'é'.repeat(700_000) + '中'.repeat(400_000) + '\ud800x';
    const bytes = new TextEncoder().encode(text);
    expect(bytes.byteLength).toBeGreaterThan(3 << 20);
    expect(sha256Hex(text)).toBe(await webCrypto(bytes));
  });

  it('hashes a lone surrogate as U+FFFD, as TextEncoder writes it', async () => {
    const text = 'x\udc00y\ud83d';
    expect(sha256Hex(text)).toBe(await webCrypto(new TextEncoder().encode(text)));
    expect(sha256Hex(text)).toBe(sha256Hex('x\ufffdy\ufffd'));
  });

  it('hashes bytes as they are', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0xff, 0x00, 0x41]);
    expect(sha256HexBytes(bytes)).toBe(await webCrypto(bytes));
  });
});
