import { createHash } from 'node:crypto';

/** Text is encoded this much at a time: the whole UTF-8 of a 13 MB upload is never held at once. */
const CHUNK_BYTES = 1 << 20;
const encoder = new TextEncoder();

/**
 * Hex SHA-256 of a string's UTF-8 (lone surrogates as U+FFFD, as TextEncoder writes them): content
 * hashes of uploads and the stored form of keys and tokens. node:crypto (nodejs_compat in workerd)
 * hashes incrementally, so the text is encoded a chunk at a time into one buffer: on GitHub's 13 MB
 * description 15–25 ms in Node and workerd, where encoding it whole for crypto.subtle took 100–150 ms
 * in Node (the encode and Node's digest both on the main thread) and 19–135 ms in workerd.
 */
export function sha256Hex(text: string): string {
  const hash = createHash('sha256');
  const buffer = new Uint8Array(Math.min(CHUNK_BYTES, 3 * text.length));
  // encodeInto stops before a code point that does not fit, so no surrogate pair is ever split.
  for (let at = 0; at < text.length;) {
    const { read, written } = encoder.encodeInto(at === 0 ? text : text.substring(at), buffer);
    hash.update(buffer.subarray(0, written));
    at += read;
  }
  return hash.digest('hex');
}

/** Hex SHA-256 of bytes (an upload's own bytes, a multi-file upload's canonical form). */
export function sha256HexBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Bytes as lower-case hex. */
export function hex(bytes: ArrayBuffer | Uint8Array): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** `n` random bytes as hex: identifiers and secrets. */
export function randomHex(n: number): string {
  return hex(crypto.getRandomValues(new Uint8Array(n)));
}
