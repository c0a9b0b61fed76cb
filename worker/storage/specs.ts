import type { Plan } from '../mock/plan';
import { gunzip, gzip } from './gzip';
import { kvKeys } from './kv-keys';

/** What the mock path needs to know about an API, mirrored into KV by the registry object. */
export interface ApiMirror {
  api: string;
  owner: string;
  latest: string | null;
  versions: Record<string, { hash: string; createdAt: string }>;
}

export interface VersionBlobs {
  planJson: string;
  /** The document as uploaded, or for several files the manifest of `source-files.ts`. */
  source: string;
  contentType: string;
  /** A version published as an archive keeps it as it came. */
  archive?: { bytes: Uint8Array; contentType: string };
}

/** Immutable blobs may be cached at the edge for long; the mirror changes on publish/delete. */
const IMMUTABLE_CACHE_TTL = 86_400;
const MIRROR_CACHE_TTL = 60;

export async function putVersionBlobs(
  kv: KVNamespace,
  api: string,
  version: string,
  hash: string,
  blobs: VersionBlobs,
): Promise<void> {
  const [plan, source] = await Promise.all([gzip(blobs.planJson), gzip(blobs.source)]);
  await Promise.all([
    kv.put(kvKeys.plan(api, version, hash), plan),
    kv.put(kvKeys.source(api, version, hash), source, { metadata: { contentType: blobs.contentType } }),
    blobs.archive &&
      kv.put(kvKeys.archive(api, version, hash), blobs.archive.bytes, {
        metadata: { contentType: blobs.archive.contentType },
      }),
  ]);
}

export async function deleteVersionBlobs(
  kv: KVNamespace,
  api: string,
  version: string,
  hash: string,
): Promise<void> {
  await Promise.all([
    kv.delete(kvKeys.plan(api, version, hash)),
    kv.delete(kvKeys.source(api, version, hash)),
    kv.delete(kvKeys.archive(api, version, hash)),
  ]);
}

export async function readPlan(
  kv: KVNamespace,
  api: string,
  version: string,
  hash: string,
): Promise<{ plan: Plan; bytes: number } | null> {
  const data = await kv.get(kvKeys.plan(api, version, hash), {
    type: 'arrayBuffer',
    cacheTtl: IMMUTABLE_CACHE_TTL,
  });
  if (data === null) return null;
  const text = await gunzip(data);
  return { plan: JSON.parse(text) as Plan, bytes: text.length };
}

export async function readSource(
  kv: KVNamespace,
  api: string,
  version: string,
  hash: string,
): Promise<{ text: string; contentType: string } | null> {
  const blob = await readTyped(kv, kvKeys.source(api, version, hash), 'text/plain');
  return blob && { text: await gunzip(blob.bytes), contentType: blob.contentType };
}

/** The archive a version was published as (stored as it came, not gzipped again). */
export async function readArchive(
  kv: KVNamespace,
  api: string,
  version: string,
  hash: string,
): Promise<{ bytes: ArrayBuffer; contentType: string } | null> {
  return readTyped(kv, kvKeys.archive(api, version, hash), 'application/octet-stream');
}

async function readTyped(
  kv: KVNamespace,
  key: string,
  fallbackType: string,
): Promise<{ bytes: ArrayBuffer; contentType: string } | null> {
  const { value, metadata } = await kv.getWithMetadata<{ contentType?: string }>(key, {
    type: 'arrayBuffer',
    cacheTtl: IMMUTABLE_CACHE_TTL,
  });
  return value === null ? null : { bytes: value, contentType: metadata?.contentType ?? fallbackType };
}

export async function readMirror(kv: KVNamespace, api: string): Promise<ApiMirror | null> {
  return kv.get<ApiMirror>(kvKeys.apiMirror(api), { type: 'json', cacheTtl: MIRROR_CACHE_TTL });
}

export async function writeMirror(kv: KVNamespace, mirror: ApiMirror): Promise<void> {
  await kv.put(kvKeys.apiMirror(mirror.api), JSON.stringify(mirror));
}

export async function deleteMirror(kv: KVNamespace, api: string): Promise<void> {
  await kv.delete(kvKeys.apiMirror(api));
}
