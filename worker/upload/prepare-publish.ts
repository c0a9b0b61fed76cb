import type { VersionRecord } from '../registry/api-registry';
import { ingestFiles, prepareFiles } from '../ingest/files/ingest-files';
import { ingestDocument, type IngestOptions, type Ingested } from '../ingest/ingest';
import { parseSpecText } from '../ingest/parse';
import type { VersionBlobs } from '../storage/specs';
import { FILES_MANIFEST_TYPE, type FilesManifest } from '../storage/source-files';
import { ARCHIVE_TYPES } from './archive';
import type { Upload } from './read-upload';
import { sha256Hex, sha256HexBytes } from '../util/hash';

/** An upload made ready to publish: its hash, how to ingest it, and what is stored of it. */
export interface PreparedPublish {
  hash: string;
  ingest(options: IngestOptions): Promise<Ingested>;
  blobs: Omit<VersionBlobs, 'planJson'>;
  /** For several files: what the version record and the publish answer say about them. */
  files?: {
    record: NonNullable<VersionRecord['source']>;
    answer: { entry: string; used: string[]; ignored: string[] };
  };
}

/** One document publishes as before; several files are vetted, hashed and bundled first. */
export async function preparePublish(upload: Upload): Promise<PreparedPublish> {
  if (upload.kind === 'document') {
    // Hashed once, not again in ingest, and from the upload's own bytes where they are the text's
    // UTF-8. The bytes go no further: held through ingest, a 25 MB upload would cost 25 MB of the
    // isolate's 128.
    const { text, utf8 } = upload;
    const hash = utf8 ? sha256HexBytes(utf8) : sha256Hex(text);
    return {
      hash,
      ingest: (options) => ingestDocument(parseSpecText(text), hash, options),
      blobs: { source: text, contentType: upload.contentType },
    };
  }
  const prepared = await prepareFiles(upload);
  const manifest: FilesManifest = {
    entry: prepared.entry,
    files: prepared.used.map((path) => ({ path, text: prepared.files.text(path) })),
  };
  const archive = upload.archive;
  return {
    hash: prepared.hash,
    ingest: (options) => ingestFiles(prepared, options),
    blobs: {
      source: JSON.stringify(manifest),
      contentType: FILES_MANIFEST_TYPE,
      ...(archive ? { archive: { bytes: archive.bytes, contentType: ARCHIVE_TYPES[archive.kind] } } : {}),
    },
    files: {
      record: {
        entry: prepared.entry,
        files: prepared.used.length,
        ...(archive ? { archive: archive.kind } : {}),
      },
      answer: { entry: prepared.entry, used: prepared.used, ignored: prepared.ignored },
    },
  };
}
