// Archives built the way `zip -r` and `tar czf` build them, for upload tests (fflate for deflate;
// the tar writer is the few lines of ustar the service reads).
import { gzipSync, zipSync } from 'fflate';
import { concatBytes } from '../../worker/util/bytes';

export interface TestFile {
  path: string;
  bytes: Uint8Array<ArrayBuffer>;
}

export function zipOf(files: TestFile[]): Uint8Array<ArrayBuffer> {
  return zipSync(Object.fromEntries(files.map((f) => [f.path, f.bytes])));
}

export function tarGzOf(files: TestFile[]): Uint8Array<ArrayBuffer> {
  return gzipSync(tarOf(files));
}

/** ustar with a pax `path` record for names over 100 bytes, as GNU and BSD tar write them. */
export function tarOf(files: TestFile[]): Uint8Array<ArrayBuffer> {
  const blocks: Uint8Array[] = [];
  for (const f of files) {
    if (new TextEncoder().encode(f.path).length > 100) {
      const record = paxRecord('path', f.path);
      blocks.push(header('PaxHeader', record.length, 'x'), padded(record));
    }
    blocks.push(header(f.path.slice(0, 100), f.bytes.length, '0'), padded(f.bytes));
  }
  blocks.push(new Uint8Array(1024));
  return concatBytes(blocks);
}

function header(name: string, size: number, type: string): Uint8Array {
  const h = new Uint8Array(512);
  const put = (text: string, at: number) => h.set(new TextEncoder().encode(text), at);
  put(name, 0);
  put('0000644\0', 100);
  put('0000000\0', 108);
  put('0000000\0', 116);
  put(size.toString(8).padStart(11, '0') + '\0', 124);
  put('00000000000\0', 136);
  put('        ', 148);
  put(type, 156);
  put('ustar\0' + '00', 257);
  const sum = h.reduce((n, b) => n + b, 0);
  put(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return h;
}

/** `<length> key=value\n`, where the length counts its own digits (in bytes). */
function paxRecord(key: string, value: string): Uint8Array {
  const body = new TextEncoder().encode(` ${key}=${value}\n`).length;
  let length = body + 1;
  while (String(length).length + body !== length) length++;
  return new TextEncoder().encode(`${length} ${key}=${value}\n`);
}

function padded(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(bytes.length / 512) * 512);
  out.set(bytes);
  return out;
}
