// Calls every operation of two published mocks alike and collects where their answers differ: the
// check that a multi-file upload serves what its single-file bundle serves. Web APIs only, so it
// runs in Node (CLI and browser tests) and in workerd (the route tests) alike.
import { expect } from 'vitest';

export interface DescribedOperation {
  method: string;
  path: string;
  parameters: { name: string; in: string; required: boolean; example?: unknown }[];
  requestBody: { contentType: string; example: unknown } | null;
  responses: { status: string }[];
}

type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

/** Every operation with every numeric status it defines: `METHOD /path code=S`. */
async function compareMocks(
  fetcher: Fetch,
  operations: readonly DescribedOperation[],
  mockA: string,
  mockB: string,
): Promise<{ calls: number; differences: string[]; refused: string[] }> {
  const differences: string[] = [];
  // Calls answered with another status than the one asked for: the request itself was refused
  // (400, 401, 422…), so the comparison would prove nothing about the bodies.
  const refused: string[] = [];
  let calls = 0;
  for (const op of operations) {
    for (const { status } of op.responses) {
      if (!/^\d{3}$/.test(status)) continue;
      const [a, b] = await Promise.all([mockA, mockB].map((base) => fetcher(...callOf(base, op, status))));
      const [bodyA, bodyB] = await Promise.all([a.text(), b.text()]);
      calls++;
      const label = `${op.method.toUpperCase()} ${op.path} code=${status}`;
      if (a.status !== Number(status)) refused.push(`${label}: ${a.status} ${bodyA.slice(0, 200)}`);
      if (a.status !== b.status) differences.push(`${label}: status ${a.status} vs ${b.status}`);
      else if (a.headers.get('content-type') !== b.headers.get('content-type'))
        differences.push(`${label}: ${a.headers.get('content-type')} vs ${b.headers.get('content-type')}`);
      else if (comparable(bodyA, mockA) !== comparable(bodyB, mockB))
        differences.push(`${label}: ${bodyA.slice(0, 200)} vs ${bodyB.slice(0, 200)}`);
    }
  }
  return { calls, differences, refused };
}

/** No difference, no refused call, and at least `minCalls` calls made. */
export async function expectSameMocks(
  fetcher: Fetch,
  operations: readonly DescribedOperation[],
  mockA: string,
  mockB: string,
  minCalls: number,
): Promise<void> {
  const { calls, differences, refused } = await compareMocks(fetcher, operations, mockA, mockB);
  expect(differences).toEqual([]);
  expect(refused).toEqual([]);
  expect(calls).toBeGreaterThanOrEqual(minCalls);
}

function callOf(base: string, op: DescribedOperation, status: string): [string, RequestInit] {
  let path = op.path;
  const query = new URLSearchParams();
  const headers: Record<string, string> = {
    prefer: `code=${status}`,
    // Whatever the security schemes ask for is present; the mock checks presence only.
    authorization: 'Bearer compare-token',
    'x-api-key': 'compare-key',
  };
  for (const p of op.parameters) {
    const value = p.example === undefined || p.example === null ? '1' : String(p.example);
    if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(value));
    else if (p.in === 'query' && p.required) query.set(p.name, value);
    else if (p.in === 'header' && p.required) headers[p.name.toLowerCase()] = value;
  }
  const init: RequestInit = { method: op.method.toUpperCase(), headers };
  if (op.requestBody && op.method !== 'get') {
    headers['content-type'] = op.requestBody.contentType;
    init.body = JSON.stringify(op.requestBody.example ?? {});
  }
  const q = query.toString();
  return [`${base}${path}${q ? `?${q}` : ''}`, init];
}

/**
 * A body as both mocks should agree on it: its instants aside, and its links into the mock it came
 * from (a list's `links.self`, `next`) written from that mock's own URL, which names its API.
 */
function comparable(body: string, mock: string): string {
  return withoutInstants(body.replaceAll(mock.replace(/\/+$/, ''), '<mock>'));
}

/**
 * Generated instants are recent relative to the version's publish time (so data looks current and
 * stays fixed per version); two versions published a second apart differ there and only there.
 */
function withoutInstants(body: string): string {
  return body.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g, '<instant>');
}
