import { fail, ProblemError } from '../../http/problem';
import { sha256Hex, sha256HexBytes } from '../../util/hash';
import { concatBytes } from '../../util/bytes';
import { ingestDocument, type IngestOptions, type Ingested } from '../ingest';
import { bundleFiles } from './bundle';
import { detectEntry } from './detect-entry';
import { FileSet, type UploadFile } from './file-set';
import { reachFiles } from './reach-files';

/** A multi-file upload, read and vetted: which file is the entry and which files it uses. */
export interface PreparedFiles {
  files: FileSet;
  entry: string;
  /** The files the entry reaches (itself first), sorted after it: what is stored and hashed. */
  used: string[];
  /** Uploaded but reached by nothing (a README in the folder): neither stored nor hashed. */
  ignored: string[];
  hash: string;
}

/**
 * Names the entry (given, or detected), follows its refs through the files and vetts every one of
 * them, and hashes what is used. Cheap next to ingest, so it runs before the early "same content?"
 * check: CI re-publishing an unchanged folder costs no normalisation.
 */
export async function prepareFiles(upload: { files: UploadFile[]; entry?: string }): Promise<PreparedFiles> {
  const files = new FileSet(upload.files);
  await files.decode();
  const entry = upload.entry === undefined ? detectEntry(files) : normalEntry(upload.entry);
  if (!files.has(entry)) {
    const documents = files.paths().filter((p) => files.isDocument(p));
    fail('entry-not-found', `The entry "${entry.slice(0, 200)}" is not one of the uploaded files.`, {
      extensions: { entry, files: documents.sort().slice(0, 100) },
    });
  }
  const reached = new Set(reachFiles(files, entry));
  const used = [entry, ...[...reached].filter((f) => f !== entry).sort()];
  const ignored = files
    .paths()
    .filter((p) => !reached.has(p))
    .sort();
  return { files, entry, used, ignored, hash: filesHash(files, entry, used) };
}

/** The bundle of the used files goes through the one ingest pipeline; its pointers are told per file. */
export async function ingestFiles(prepared: PreparedFiles, options: IngestOptions = {}): Promise<Ingested> {
  const { doc, origins } = bundleFiles(prepared.files, prepared.entry);
  let ingested: Ingested;
  try {
    ingested = await ingestDocument(doc, prepared.hash, { ...options, refs: 'vetted' });
  } catch (error) {
    throw error instanceof ProblemError ? origins.problem(error) : error;
  }
  for (const op of ingested.plan.operations)
    if (op.brokenRef?.pointer)
      op.brokenRef = { ...op.brokenRef, pointer: origins.label(op.brokenRef.pointer) };
  return { ...ingested, warnings: origins.warnings(ingested.warnings) };
}

/**
 * Identical content, identical hash, whatever the order the files came in: the used files sorted by
 * path, each with its length. One used file hashes as its text alone, exactly as a single-document
 * upload of it, so a folder holding one self-contained document is that document's version.
 */
function filesHash(files: FileSet, entry: string, used: string[]): string {
  if (used.length === 1) return sha256Hex(files.text(entry));
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [encoder.encode(`specmock-files-v1\nentry ${entry}\n`)];
  for (const path of [...used].sort()) {
    const bytes = files.bytesOf(path);
    parts.push(encoder.encode(`${path}\n${bytes.byteLength}\n`), bytes, encoder.encode('\n'));
  }
  return sha256HexBytes(concatBytes(parts));
}

/** `./openapi.yaml` and `openapi.yaml` name the same file. */
function normalEntry(entry: string): string {
  return entry.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
}
