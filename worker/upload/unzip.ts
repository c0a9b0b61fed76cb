import { fail } from '../http/problem';
import type { UploadFile } from '../ingest/files/file-set';
import { inflateCapped } from './inflate-capped';
import { isArchiveNoise, uploadPath } from './file-paths';
import type { UploadTally } from './upload-caps';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * The files of a .zip, read from its central directory (the archive's own index, so a file's data
 * is never mistaken for a header) and inflated under the upload's caps.
 */
export function unzipFiles(zip: Uint8Array, tally: UploadTally): UploadFile[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = findEndRecord(view);
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  if (count === 0xffff || at === 0xffffffff) broken('ZIP64 archives are not supported');
  const files: UploadFile[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.byteLength || view.getUint32(at, true) !== CENTRAL)
      broken('its central directory is damaged');
    const entry = centralEntry(zip, view, at);
    at = entry.next;
    if (entry.name.endsWith('/') || isArchiveNoise(entry.name)) continue;
    const path = uploadPath(entry.name);
    tally.addFile(path);
    tally.checkFile(path, entry.size);
    const bytes = entryData(zip, view, entry, path, tally);
    tally.grow(bytes.byteLength);
    files.push({ path, bytes });
  }
  return files;
}

interface CentralEntry {
  name: string;
  flags: number;
  method: number;
  compressed: number;
  size: number;
  local: number;
  next: number;
}

function centralEntry(zip: Uint8Array, view: DataView, at: number): CentralEntry {
  const nameLength = view.getUint16(at + 28, true);
  const extra = view.getUint16(at + 30, true);
  const comment = view.getUint16(at + 32, true);
  const entry = {
    flags: view.getUint16(at + 8, true),
    method: view.getUint16(at + 10, true),
    compressed: view.getUint32(at + 20, true),
    size: view.getUint32(at + 24, true),
    local: view.getUint32(at + 42, true),
    name: new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)),
    next: at + 46 + nameLength + extra + comment,
  };
  if (entry.compressed === 0xffffffff || entry.size === 0xffffffff || entry.local === 0xffffffff)
    broken('ZIP64 entries are not supported');
  return entry;
}

function entryData(zip: Uint8Array, view: DataView, entry: CentralEntry, path: string, tally: UploadTally) {
  if (entry.flags & 1) broken(`${path} is encrypted`);
  const local = entry.local;
  if (local + 30 > zip.byteLength || view.getUint32(local, true) !== LOCAL)
    broken(`the header of ${path} is damaged`);
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  const data = zip.subarray(start, start + entry.compressed);
  if (data.byteLength !== entry.compressed) broken(`${path} is truncated`);
  const room = tally.roomFor();
  if (entry.method === 0) return data.byteLength > room ? tally.tooLarge(path) : data;
  if (entry.method !== 8)
    broken(`${path} uses compression method ${entry.method} (only stored and deflate are read)`);
  return inflateCapped('deflate', data, room, () => tally.tooLarge(path));
}

/** The end-of-central-directory record: within the last 64 KiB + 22 bytes (its comment may be long). */
function findEndRecord(view: DataView): number {
  for (let at = view.byteLength - 22; at >= Math.max(0, view.byteLength - 22 - 0xffff); at--)
    if (view.getUint32(at, true) === EOCD) return at;
  return broken('it has no end-of-central-directory record (not a .zip, or truncated)');
}

function broken(why: string): never {
  fail('invalid-archive', `The .zip cannot be read: ${why}.`);
}
