import type { Env } from '../env';

export function registryStub(env: Env, api: string) {
  return env.REGISTRY.get(env.REGISTRY.idFromName(api));
}

export function mockUrl(request: Request, api: string, version: string): string {
  return `${new URL(request.url).origin}/mock/${api}/${version}`;
}
