/** Chunks (a streamed body, an inflated file, the parts of a hash input) joined into one array. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/**
 * A stream's bytes up to `maxBytes`; reading stops (and the rest is cancelled) as soon as it passes
 * the cap, so a lying length or an endless body costs nothing. `over`: there was more.
 */
export async function readUpTo(
  stream: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; over: boolean }> {
  if (!stream) return { bytes: new Uint8Array(), over: false };
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { bytes: concatBytes(chunks), over: false };
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      chunks.push(value.subarray(0, value.byteLength - (total - maxBytes)));
      return { bytes: concatBytes(chunks), over: true };
    }
    chunks.push(value);
  }
}
