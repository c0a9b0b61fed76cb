import { beforeAll, describe, expect, it } from 'vitest';
import petstore from '../../spec-examples/petstore.oas3.yaml?raw';
import { auth, call, newKey, publish, type ProblemJson } from './helpers';
import { requests, waitForCalls } from './steer-helpers';

let key: string;
beforeAll(async () => {
  key = await newKey();
  for (const api of ['hidden', 'quiet']) expect((await publish(key, api, 'v1', petstore)).status).toBe(201);
});

function patch(api: string, body: unknown, k = key): Promise<Response> {
  return call(`/v1/apis/${api}`, {
    method: 'PATCH',
    headers: auth(k, { 'content-type': 'application/json' }),
    body: JSON.stringify(body),
  });
}

interface Access {
  visibility: string;
  mockToken: string | null;
}

async function access(api: string): Promise<Access> {
  return (await (await call(`/v1/apis/${api}`, { headers: auth(key) })).json()) as Access;
}

describe('private mocks', () => {
  it('are public by default, with no token yet', async () => {
    expect(await access('hidden')).toMatchObject({ visibility: 'public', mockToken: null });
    expect((await call('/mock/hidden/v1/pets/1')).status).toBe(200);
  });

  it('need the mock token once private, in X-Specmock-Token or ?__token=', async () => {
    const res = await patch('hidden', { visibility: 'private' });
    expect(res.status).toBe(200);
    const { visibility, mockToken } = (await res.json()) as Access;
    expect(visibility).toBe('private');
    expect(mockToken).toMatch(/^smt_[A-Za-z0-9_-]{40}$/);
    expect(await access('hidden')).toMatchObject({ visibility: 'private', mockToken });

    const refused = await call('/mock/hidden/v1/pets/1', { headers: { origin: 'https://app.example' } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(((await refused.json()) as ProblemJson).type).toBe(
      'https://specmock.dev/problems/mock-token-required',
    );
    // Authorization belongs to the mocked API: a token there does not open the mock.
    expect(
      (await call('/mock/hidden/v1/pets/1', { headers: { authorization: `Bearer ${mockToken}` } })).status,
    ).toBe(401);
    expect(
      (await call('/mock/hidden/v1/pets/1', { headers: { 'x-specmock-token': 'smt_wrong' } })).status,
    ).toBe(401);
    // No oracle for version names: an unknown version is refused like a known one.
    expect((await call('/mock/hidden/v9/pets/1')).status).toBe(401);

    const byHeader = await call('/mock/hidden/v1/pets/1', { headers: { 'x-specmock-token': mockToken! } });
    expect(byHeader.status).toBe(200);
    const byQuery = await call(`/mock/hidden/v1/pets/1?__token=${mockToken}`);
    expect(byQuery.status).toBe(200);
    // The token is not a parameter of the mocked API: it neither reaches validation nor changes the seed.
    expect(await byQuery.text()).toBe(await byHeader.text());
  });

  it('rotate: the old token stops working at once, the new one works', async () => {
    const { mockToken: old } = await access('hidden');
    const res = await call('/v1/apis/hidden/mock-token', { method: 'POST', headers: auth(key) });
    expect(res.status).toBe(200);
    const { mockToken: fresh } = (await res.json()) as Access;
    expect(fresh).not.toBe(old);
    expect((await access('hidden')).mockToken).toBe(fresh);
    expect((await call('/mock/hidden/v1/pets/1', { headers: { 'x-specmock-token': old! } })).status).toBe(
      401,
    );
    expect((await call('/mock/hidden/v1/pets/1', { headers: { 'x-specmock-token': fresh! } })).status).toBe(
      200,
    );
  });

  it('switch back to public, keeping the token for the next switch', async () => {
    const { mockToken } = await access('hidden');
    expect((await patch('hidden', { visibility: 'public' })).status).toBe(200);
    expect((await call('/mock/hidden/v1/pets/1')).status).toBe(200);
    expect((await patch('hidden', { visibility: 'private' })).status).toBe(200);
    expect((await access('hidden')).mockToken).toBe(mockToken);
    expect((await call('/mock/hidden/v1/pets/1')).status).toBe(401);
  });

  it('do not count a stranger’s refused calls against the owner’s quota, nor log them', async () => {
    expect((await patch('quiet', { visibility: 'private' })).status).toBe(200);
    const { mockToken } = await access('quiet');
    const used = async () =>
      ((await (await call('/v1/usage', { headers: auth(key) })).json()) as { minute: { used: number } })
        .minute.used;
    const u0 = await used();
    const u1 = await used();
    const perUsageCall = u1 - u0;
    const refused = await Promise.all(Array.from({ length: 25 }, () => call('/mock/quiet/v1/pets/1')));
    expect(refused.map((r) => r.status)).toEqual(new Array(25).fill(401));
    expect(refused.every((r) => !r.headers.has('ratelimit'))).toBe(true);
    const u2 = await used();
    expect(u2 - u1).toBe(perUsageCall);
    const admitted = await call(`/mock/quiet/v1/pets/1?__token=${mockToken}&x=1`);
    expect(admitted.status).toBe(200);
    expect((await used()) - u2).toBe(perUsageCall + 1);
    const logged = await waitForCalls(key, 'quiet', 1);
    expect(logged.map((c) => c.status)).toEqual([200]);
    expect(JSON.stringify(logged)).not.toContain(mockToken!);
    expect((await requests(key, 'quiet')).length).toBe(1);
  });

  it('can be switched only by the owner, with a valid body', async () => {
    const stranger = await newKey();
    expect((await patch('hidden', { visibility: 'public' }, stranger)).status).toBe(404);
    expect((await patch('hidden', { visibility: 'secret' })).status).toBe(400);
    expect((await patch('hidden', { visibility: 'public', name: 'x' })).status).toBe(400);
    expect(
      (await call('/v1/apis/hidden/mock-token', { method: 'POST', headers: auth(stranger) })).status,
    ).toBe(404);
  });
});
