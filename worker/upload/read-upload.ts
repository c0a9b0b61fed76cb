import { fail } from '../http/problem';
import { mediaTypeOf, readCapped, specDocument } from '../http/read-spec-body';
import type { UploadFile } from '../ingest/files/file-set';
import { archiveKind, readArchive, type ArchiveKind } from './archive';
import { uploadPath } from './file-paths';
import { UploadTally, type UploadCaps } from './upload-caps';

/** What a publish request carries: one document, or several files (maybe as an archive). */
export type Upload =
  | {
      kind: 'document';
      text: string;
      contentType: string;
      /** The bytes as uploaded, when they are exactly the text's UTF-8 (hashed as they are). */
      utf8?: Uint8Array<ArrayBuffer>;
    }
  | {
      kind: 'files';
      files: UploadFile[];
      /** From the `entry` form field or `?entry=`; detected when absent. */
      entry?: string;
      /** The archive as uploaded, kept for `?format=source`. */
      archive?: { bytes: Uint8Array; kind: ArchiveKind };
    };

/**
 * Reads a publish body: a raw document (JSON, YAML, text), a raw archive (.zip, .tar.gz, .tar), or
 * multipart: a lone `spec` field is one document as before; otherwise every file part is a file
 * whose filename is its path from the upload's root (or one part is an archive).
 */
export async function readUpload(request: Request, caps: UploadCaps): Promise<Upload> {
  const bytes = await readCapped(request, caps.maxRequestBytes);
  const contentType = mediaTypeOf(request);
  const queryEntry = new URL(request.url).searchParams.get('entry') ?? undefined;
  if (contentType === 'multipart/form-data') return readForm(request, bytes, caps, queryEntry);
  const kind = archiveKind(contentType, bytes);
  if (kind) return archiveUpload(bytes, kind, caps, queryEntry);
  return { kind: 'document', ...(await specDocument(bytes, contentType)) };
}

async function readForm(
  request: Request,
  bytes: Uint8Array<ArrayBuffer>,
  caps: UploadCaps,
  queryEntry?: string,
): Promise<Upload> {
  const form = await new Response(bytes, {
    headers: { 'content-type': request.headers.get('content-type')! },
  })
    .formData()
    .catch(() => fail('bad-request', 'The multipart body could not be parsed.'));
  const parts: [string, File | string][] = [];
  form.forEach((value, name) => parts.push([name, value]));
  const spec = form.get('spec');
  if (spec !== null && parts.length === 1) {
    if (typeof spec === 'string') return { kind: 'document', text: spec, contentType: 'text/plain' };
    return { kind: 'document', text: await spec.text(), contentType: spec.type || 'text/plain' };
  }
  const entryField = form.get('entry');
  const entry = typeof entryField === 'string' && entryField !== '' ? entryField : queryEntry;
  const fileParts = parts.flatMap(([, v]) => (typeof v === 'string' ? [] : [v]));
  if (fileParts.length === 0)
    fail(
      'bad-request',
      'The multipart body has no file parts (one per file, its filename the path) and no `spec` field.',
      {
        errors: [{ location: ['body'], message: 'no files' }],
      },
    );
  const only = fileParts.length === 1 ? fileParts[0] : undefined;
  const kind = only
    ? archiveKind(only.type, new Uint8Array(await only.slice(0, 4).arrayBuffer()), only.name)
    : undefined;
  if (only && kind) return archiveUpload(new Uint8Array(await only.arrayBuffer()), kind, caps, entry);
  const tally = new UploadTally(caps);
  const files: UploadFile[] = [];
  const seen = new Set<string>();
  for (const part of fileParts) {
    const path = uploadPath(part.name);
    if (seen.has(path)) fail('invalid-file-path', `Two parts are both named "${path}".`);
    seen.add(path);
    tally.addFile(path, part.size);
    files.push({ path, bytes: new Uint8Array(await part.arrayBuffer()) });
  }
  return { kind: 'files', files, ...(entry === undefined ? {} : { entry }) };
}

function archiveUpload(bytes: Uint8Array, kind: ArchiveKind, caps: UploadCaps, entry?: string): Upload {
  const files = readArchive(bytes, kind, new UploadTally(caps));
  if (files.length === 0) fail('invalid-archive', 'The archive holds no files.');
  return { kind: 'files', files, archive: { bytes, kind }, ...(entry === undefined ? {} : { entry }) };
}
