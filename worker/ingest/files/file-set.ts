import { ProblemError } from '../../http/problem';
import { guardDocument } from '../guard';
import { escapeToken, unescapeToken } from '../json-pointer';
import { parseSpecText } from '../parse';
import { isRefusal, refTarget, type FileRef } from './ref-target';
import { decodeUtf8, SYNC_DECODE_BYTES } from '../../util/utf8';

/** One uploaded file: its path from the upload's root (`schemas/pet.yaml`) and its bytes. */
export interface UploadFile {
  path: string;
  bytes: Uint8Array;
}

/** A place that exists in an upload: where it is and what is there. */
export interface Located extends FileRef {
  value: unknown;
}

const MAX_HOPS = 64;

/**
 * The uploaded files, parsed on first use. `.json`, `.yaml` and `.yml` files are documents; any
 * other file (a Markdown page, a code sample) is its text, as `redocly bundle` reads it. A file that
 * does not parse is refused with its path, so the error names the file the team must fix.
 */
export class FileSet {
  private readonly bytes = new Map<string, Uint8Array>();
  private readonly parsed = new Map<string, unknown>();
  private readonly texts = new Map<string, string>();
  /** Objects and arrays in the files parsed so far: what a bundle of them may grow from. */
  nodes = 0;

  constructor(files: readonly UploadFile[]) {
    for (const f of files) this.bytes.set(f.path, f.bytes);
  }

  has(path: string): boolean {
    return this.bytes.has(path);
  }

  paths(): string[] {
    return [...this.bytes.keys()];
  }

  bytesOf(path: string): Uint8Array {
    return this.bytes.get(path) ?? new Uint8Array();
  }

  text(path: string): string {
    return this.texts.get(path) ?? new TextDecoder().decode(this.bytesOf(path));
  }

  /**
   * The large files' text, decoded ahead: their decoding is asynchronous (utf8.ts) and ingest reads
   * synchronously. Small files are decoded when read, as before, so an upload's unused files cost
   * no memory as text.
   */
  async decode(): Promise<void> {
    const large = [...this.bytes].filter(([, bytes]) => bytes.byteLength >= SYNC_DECODE_BYTES);
    await Promise.all(large.map(async ([path, bytes]) => this.texts.set(path, await decodeUtf8(bytes))));
  }

  isDocument(path: string): boolean {
    return /\.(?:ya?ml|json)$/i.test(path);
  }

  /** The parsed content of a file (its text when it is not a document). */
  value(path: string): unknown {
    if (this.parsed.has(path)) return this.parsed.get(path);
    if (!this.isDocument(path)) {
      this.parsed.set(path, this.text(path));
      return this.text(path);
    }
    const { doc, nodes } = parseFile(path, this.text(path));
    this.nodes += nodes;
    this.parsed.set(path, doc);
    return doc;
  }

  /**
   * What a ref target designates. A `$ref` met on the way down is followed (JSON Reference
   * semantics: `pets.yaml#/get/responses` through a path item that is itself a ref), so the answer
   * names the place that really holds the value; undefined when nothing is there.
   */
  locate(target: FileRef, followLast = false, hops = 0): Located | undefined {
    if (hops > MAX_HOPS || !this.has(target.file)) return undefined;
    if (target.pointer !== '' && !target.pointer.startsWith('/')) return undefined;
    let here: Located = { file: target.file, pointer: '', value: this.value(target.file) };
    const tokens = target.pointer === '' ? [] : target.pointer.slice(1).split('/').map(unescapeToken);
    for (const token of tokens) {
      const through = this.follow(here, hops);
      if (!through) return undefined;
      here = through;
      const child = childOf(here.value, token);
      if (child === undefined) return undefined;
      here = { file: here.file, pointer: `${here.pointer}/${escapeToken(token)}`, value: child };
    }
    return followLast ? this.follow(here, hops) : here;
  }

  /** `here` itself, or, when it is a `$ref`, what the ref (and any chain after it) designates. */
  private follow(here: Located, hops: number): Located | undefined {
    const ref = refString(here.value);
    if (ref === undefined) return here;
    const next = refTarget(ref, here.file);
    return isRefusal(next) ? undefined : this.locate(next, true, hops + 1);
  }
}

export function refString(node: unknown): string | undefined {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const ref = (node as { $ref?: unknown }).$ref;
  return typeof ref === 'string' ? ref : undefined;
}

function childOf(node: unknown, token: string): unknown {
  if (Array.isArray(node)) return /^(?:0|[1-9]\d*)$/.test(token) ? node[Number(token)] : undefined;
  if (node === null || typeof node !== 'object' || !Object.hasOwn(node, token)) return undefined;
  return (node as Record<string, unknown>)[token];
}

/** Parses one file; its problems name it (detail and every error entry). */
function parseFile(path: string, text: string): { doc: unknown; nodes: number } {
  try {
    const doc = parseSpecText(text);
    return { doc, nodes: guardDocument(doc, { refs: 'vetted' }) };
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    const p = error.problem;
    throw new ProblemError({
      ...p,
      detail: `${path}: ${p.detail}`,
      errors: (p.errors ?? []).map((e) => ({
        ...e,
        ...(e.pointer !== undefined ? { pointer: `${path}#${e.pointer}` } : { file: path }),
      })),
    });
  }
}
