/** Below this many bytes the decoder's synchronous call costs less than a body's promise. */
export const SYNC_DECODE_BYTES = 64 * 1024;
const DECODER = new TextDecoder();

/**
 * UTF-8 bytes as text, exactly as `new TextDecoder().decode` reads them: invalid sequences become
 * U+FFFD and one leading byte order mark is dropped. Large inputs go through a body's `text()`:
 * on GitHub's 13 MB description (non-ASCII in places) workerd's TextDecoder took 175–470 ms of CPU
 * where `text()` took 20–78 ms. Runtimes disagree on the marks `text()` drops (Node's drops every
 * leading one, workerd's one or, before its 2026 compatibility dates, none), so the first is taken
 * off here and any other leading one the runtime dropped is put back.
 */
export function decodeUtf8(bytes: Uint8Array): string | Promise<string> {
  if (bytes.byteLength < SYNC_DECODE_BYTES) return DECODER.decode(bytes);
  const rest = leadingMarks(bytes) > 0 ? bytes.subarray(3) : bytes;
  const marks = leadingMarks(rest);
  // Uploads and bodies are read into plain ArrayBuffers, never shared ones.
  return new Response(rest as Uint8Array<ArrayBuffer>).text().then((text) => {
    let kept = 0;
    while (kept < marks && text.charCodeAt(kept) === 0xfeff) kept++;
    return kept < marks ? '\ufeff'.repeat(marks - kept) + text : text;
  });
}

/**
 * Whether the bytes are exactly the UTF-8 of the text decoded from them: no mark dropped, nothing
 * replaced (a U+FFFD the bytes spelled out counts as replaced: the caller then encodes the text).
 * Such bytes stand for the text where its UTF-8 is needed (the upload's hash).
 */
export function spellsExactly(bytes: Uint8Array, decoded: string): boolean {
  return leadingMarks(bytes) === 0 && !decoded.includes('\ufffd');
}

/** How many UTF-8 byte order marks (EF BB BF) the bytes start with. */
function leadingMarks(bytes: Uint8Array): number {
  let n = 0;
  while (bytes[3 * n] === 0xef && bytes[3 * n + 1] === 0xbb && bytes[3 * n + 2] === 0xbf) n++;
  return n;
}
