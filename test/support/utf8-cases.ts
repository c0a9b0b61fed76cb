/**
 * Byte strings whose UTF-8 decoding has edge cases (byte order marks, invalid and truncated
 * sequences, surrogates, overlong forms), each as it comes small and padded past the size where
 * decodeUtf8 stops using the TextDecoder (utf8.ts): the runtime's own TextDecoder is the reference.
 */
export function utf8Cases(): [string, Uint8Array<ArrayBuffer>][] {
  const pad = new TextEncoder().encode(`${'{"name": "Zoë — ünïcode", "ok": true}\n'.repeat(3000)}`);
  const edges: [string, number[]][] = [
    ['a byte order mark', [0xef, 0xbb, 0xbf, 0x7b, 0x7d]],
    ['two byte order marks', [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61]],
    ['three byte order marks', [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61]],
    ['a byte order mark cut short', [0xef, 0xbb, 0x61]],
    ['invalid bytes', [0x61, 0xff, 0xfe, 0x62]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80, 0x61]],
    ['an overlong form', [0xc0, 0xaf, 0x61]],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['an emoji', [0xf0, 0x9f, 0x98, 0x80, 0x63, 0xc3, 0xa9]],
    ['a truncated sequence at the end', [0x61, 0xe2, 0x82]],
    ['nothing', []],
  ];
  return edges.flatMap(([name, bytes]) => {
    const small = new Uint8Array(bytes);
    // The edge stays at the start or the end, where the runtimes' decoders treat it specially.
    const atEnd = name.includes('at the end');
    const large = new Uint8Array(pad.byteLength + bytes.length);
    large.set(atEnd ? pad : small, 0);
    large.set(atEnd ? small : pad, atEnd ? pad.byteLength : bytes.length);
    return [
      [name, small],
      [`${name}, in ${large.byteLength} bytes`, large],
    ] as [string, Uint8Array<ArrayBuffer>][];
  });
}
