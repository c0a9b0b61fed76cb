/**
 * The only place KV key strings are built (documented in docs/storage.md). Version blobs carry the
 * content hash in their key, so a key is written once and never changes: safe to cache anywhere.
 */
const PREFIX = 'v1';

export const kvKeys = {
  /** Mirror of one API's registry state (owner, versions → hash) for the mock path. Mutable. */
  apiMirror: (api: string) => `${PREFIX}:api:${api}`,
  /** Gzipped normalized plan of one published version. Immutable. */
  plan: (api: string, version: string, hash: string) => `${PREFIX}:plan:${api}:${version}:${hash}`,
  /** Gzipped original upload text of one published version. Immutable. */
  source: (api: string, version: string, hash: string) => `${PREFIX}:source:${api}:${version}:${hash}`,
  /** The archive (.zip, .tar.gz) of a version published as one, byte for byte. Immutable. */
  archive: (api: string, version: string, hash: string) => `${PREFIX}:archive:${api}:${version}:${hash}`,
};
