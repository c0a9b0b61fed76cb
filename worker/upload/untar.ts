import { fail } from '../http/problem';
import type { UploadFile } from '../ingest/files/file-set';
import { isArchiveNoise, uploadPath } from './file-paths';
import type { UploadTally } from './upload-caps';

const BLOCK = 512;

/**
 * The regular files of a (decompressed) tar archive: ustar names with their prefix, long names from
 * pax (`path=`) and GNU (`L`) headers, as `git archive` and GNU/BSD tar write them. Links, devices
 * and folders are skipped: only file contents are part of a description.
 */
export function untarFiles(tar: Uint8Array, tally: UploadTally): UploadFile[] {
  const files: UploadFile[] = [];
  let longName: string | undefined;
  for (let at = 0; at + BLOCK <= tar.byteLength;) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) break;
    if (!checksumOk(header)) broken(`the header at byte ${at} is damaged`);
    const size = octal(header.subarray(124, 136));
    const type = String.fromCharCode(header[156] || 48);
    const body = tar.subarray(at + BLOCK, at + BLOCK + size);
    if (body.byteLength !== size) broken('it is truncated');
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x') longName = paxPath(body) ?? longName;
    else if (type === 'L') longName = cString(body);
    else if (type === '0' || type === '7') {
      const name = longName ?? ustarName(header);
      longName = undefined;
      if (isArchiveNoise(name)) continue;
      const path = uploadPath(name);
      tally.addFile(path);
      tally.checkFile(path, size);
      tally.grow(size);
      files.push({ path, bytes: body });
    } else if (type !== 'g') longName = undefined;
  }
  return files;
}

function ustarName(header: Uint8Array): string {
  const name = cString(header.subarray(0, 100));
  const ustar = cString(header.subarray(257, 263)).startsWith('ustar');
  const prefix = ustar ? cString(header.subarray(345, 500)) : '';
  return prefix ? `${prefix}/${name}` : name;
}

/** A pax extended header's records: `<length> <key>=<value>\n`; only `path` matters here. */
function paxPath(body: Uint8Array): string | undefined {
  const text = new TextDecoder().decode(body);
  for (let at = 0; at < text.length;) {
    const space = text.indexOf(' ', at);
    const length = Number(text.slice(at, space));
    if (space < 0 || !Number.isInteger(length) || length <= 0) break;
    const record = text.slice(space + 1, at + length - 1);
    if (record.startsWith('path=')) return record.slice(5);
    at += length;
  }
  return undefined;
}

function cString(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return new TextDecoder().decode(end === -1 ? bytes : bytes.subarray(0, end));
}

function octal(field: Uint8Array): number {
  if (field[0] & 0x80) broken('it holds a file too large for this service (base-256 size)');
  const text = cString(field).trim();
  const n = text === '' ? 0 : parseInt(text, 8);
  if (!Number.isFinite(n) || n < 0) broken('a header has an invalid size');
  return n;
}

/** The header's checksum: the sum of its bytes with the checksum field read as spaces. */
function checksumOk(header: Uint8Array): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i];
  return octal(header.subarray(148, 156)) === sum;
}

function broken(why: string): never {
  fail('invalid-archive', `The tar archive cannot be read: ${why}.`);
}
