import type { Env } from '../env';
import { fail } from '../http/problem';
import type { ApiMirror } from '../storage/specs';
import { loadMirror, rememberMirror } from '../storage/target-cache';
import { registryStub } from './api-registry';

export interface Located {
  owner: string;
  version: string;
  entry: ApiMirror['versions'][string];
}

/**
 * Finds the version a mock URL names. The KV mirror answers first (cached at the edge for up to a
 * minute); when it does not know the API or the named version, the registry object, the source of
 * truth, is asked before answering 404, so a version is servable everywhere as soon as its publish
 * returns. Absence is never cached. `latest` follows the mirror, which may lag a publish elsewhere
 * by up to a minute: use the explicit version URL (what publish returns) for read-after-publish.
 */
export function locateVersion(
  env: Env,
  api: string,
  versionName: string,
  now: number,
): Located | Promise<Located> {
  const cached = loadMirror(env.SPECS, api, now);
  if (cached instanceof Promise)
    return cached.then((mirror) => fromMirror(env, api, versionName, now, mirror));
  return fromMirror(env, api, versionName, now, cached);
}

/** From the memoized mirror at once (no promise), else from the registry. */
function fromMirror(
  env: Env,
  api: string,
  versionName: string,
  now: number,
  cached: ApiMirror | null,
): Located | Promise<Located> {
  const hit = cached && pick(cached, versionName);
  if (cached && hit) return { owner: cached.owner, ...hit };
  return fromRegistry(env, api, versionName, now);
}

async function fromRegistry(env: Env, api: string, versionName: string, now: number): Promise<Located> {
  const truth = await registryStub(env, api).mirror();
  if (!truth) fail('api-not-found', `No API named "${api}" is published here.`);
  rememberMirror(truth, now);
  const found = pick(truth, versionName);
  if (!found) fail('version-not-found', `"${api}" has no version "${versionName}".`);
  return { owner: truth.owner, ...found };
}

function pick(mirror: ApiMirror, versionName: string): Omit<Located, 'owner'> | undefined {
  const version = versionName === 'latest' ? mirror.latest : versionName;
  const entry = version ? mirror.versions[version] : undefined;
  return version && entry ? { version, entry } : undefined;
}
