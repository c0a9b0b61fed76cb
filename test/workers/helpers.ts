import { SELF } from 'cloudflare:test';

const BASE = 'https://specmock.test';

export function call(path: string, init: RequestInit = {}): Promise<Response> {
  return SELF.fetch(`${BASE}${path}`, init);
}

export async function newKey(init: RequestInit = {}): Promise<string> {
  const res = await call('/v1/keys', { method: 'POST', ...init });
  if (res.status !== 201) throw new Error(`key creation failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { key: string }).key;
}

export function auth(key: string, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${key}`, ...extra };
}

export function publish(
  key: string,
  api: string,
  version: string,
  body: string,
  contentType = 'application/yaml',
  query = '',
): Promise<Response> {
  return call(`/v1/apis/${api}/versions/${version}${query}`, {
    method: 'PUT',
    headers: auth(key, { 'content-type': contentType }),
    body,
  });
}

export interface ProblemJson {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { message: string; pointer?: string; line?: number; column?: number }[];
  [k: string]: unknown;
}
