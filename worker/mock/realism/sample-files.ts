import type { MediaPlan, Schema } from '../plan';
import { derefShallow, isObj } from '../schema-refs';

/**
 * A response that is a file (an avatar, a thumbnail, speech, an invoice) is answered with a small
 * file of its media type that a browser or a decoder opens: a page's `<img src>` pointed at the
 * mock shows a picture, an `<audio>` plays, a PDF viewer opens a page. Random text under
 * `image/png` opens nowhere. Served only where the description leaves the bytes open: no schema,
 * or a string of any octets (`format: binary`, nothing else constraining it), and no example.
 *
 * The images are one grey pixel, encoded by libvips; the others are built below.
 */
const IMAGES: Record<string, string> = {
  'image/png':
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAADElEQVQImWPo6uoCAANAAZ+2WD/hAAAAAElFTkSuQmCC',
  'image/jpeg':
    '/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAABAAEDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAAAP/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/ALQAf//Z',
  'image/gif': 'R0lGODlhAQABAIAAAExpcYqKiiH5BAUAAAAALAAAAAABAAEAAAICTAEAOw==',
  'image/webp': 'UklGRiQAAABXRUJQVlA4IBgAAABQAQCdASoBAAEAAUAmJaQABYwAAP7IAAA=',
};

const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><rect width="1" height="1" fill="#8a8a8a"/></svg>';

/** A file of the media type, as base64 (`text` for SVG, which is text); undefined when none is kept. */
export function sampleFile(mediaType: string): { base64: string } | { text: string } | undefined {
  const essence = mediaType.split(';')[0].trim().toLowerCase();
  if (essence === 'image/svg+xml') return { text: SVG };
  if (essence === 'image/jpg') return { base64: IMAGES['image/jpeg'] };
  const image = IMAGES[essence];
  if (image !== undefined) return { base64: image };
  const built = BUILT[essence];
  if (built === undefined) return undefined;
  let base64 = builtFiles.get(essence);
  if (base64 === undefined) builtFiles.set(essence, (base64 = toBase64(built())));
  return { base64 };
}

/** Whether a media's bytes are left open: no schema, or a string of any octets, and no example. */
export function leavesBytesOpen(media: MediaPlan, defs: Record<string, Schema>): boolean {
  if (media.examples.length > 0) return false;
  if (media.schema === undefined) return true;
  const schema = derefShallow(media.schema, defs);
  if (schema === true) return true;
  if (!isObj(schema)) return false;
  for (const key of Object.keys(schema)) if (!OPEN_KEYWORDS.has(key)) return false;
  const { type, format } = schema;
  return (type === undefined || type === 'string') && (format === undefined || format === 'binary');
}

/** Keywords that leave a string's octets open (annotations, and the type and format checked above). */
const OPEN_KEYWORDS = new Set([
  'type',
  'format',
  'title',
  'description',
  'readOnly',
  'deprecated',
  'nullable',
]);

const builtFiles = new Map<string, string>();

const BUILT: Record<string, () => Uint8Array> = {
  'audio/wav': wav,
  'audio/wave': wav,
  'audio/x-wav': wav,
  'audio/mpeg': mp3,
  'audio/mp3': mp3,
  'application/pdf': pdf,
};

/** 1 ms of silence: 8 kHz mono 8-bit PCM, its 44-byte RIFF header and 8 samples at the midpoint. */
function wav(): Uint8Array {
  const samples = 8;
  const bytes = new Uint8Array(44 + samples).fill(0x80, 44);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, s: string) => [...s].forEach((c, i) => (bytes[at + i] = c.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + samples, true);
  ascii(8, 'WAVEfmt ');
  view.setUint32(16, 16, true); // format chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, 8000, true); // samples per second
  view.setUint32(28, 8000, true); // bytes per second
  view.setUint16(32, 1, true); // block align
  view.setUint16(34, 8, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, samples, true);
  return bytes;
}

/**
 * 18 ms of silence: four MPEG-1 Layer III frames (32 kbit/s, 32 kHz, mono: 144 bytes each) whose
 * side information and main data are all zero, which decoders play as silence.
 */
function mp3(): Uint8Array {
  const frame = 144;
  const bytes = new Uint8Array(4 * frame);
  for (let at = 0; at < bytes.length; at += frame) bytes.set([0xff, 0xfb, 0x18, 0xc4], at);
  return bytes;
}

/** One empty 1-inch page, with the cross-reference table its readers look up. */
function pdf(): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >>',
  ];
  let text = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(text.length);
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = text.length;
  const entries = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${entries}`;
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(text);
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** The bytes of a base64 body (kept per text: a repeated answer decodes nothing). */
const decoded = new Map<string, Uint8Array>();

export function bytesOf(base64: string): Uint8Array {
  let bytes = decoded.get(base64);
  if (bytes === undefined) {
    const binary = atob(base64);
    bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    if (decoded.size < 64) decoded.set(base64, bytes);
  }
  return bytes;
}
