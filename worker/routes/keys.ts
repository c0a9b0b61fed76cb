import type { Env } from '../env';
import { isAdmin } from '../auth/admin';
import { newKey } from '../auth/api-key-format';
import { authenticate } from '../auth/authenticate';
import { config } from '../config';
import { accountStub } from '../quota/key-account';
import { enforce } from '../quota/enforce';
import { takeLease } from '../quota/mock-quota';
import { fail } from '../http/problem';
import { checkLimits } from '../quota/policy';
import { sha256Hex } from '../util/hash';
import type { AppRequest } from '../http/app-request';

/** POST /v1/keys: open signup by default; only the admin may set limits or sign up when closed. */
export async function createKey(request: AppRequest, env: Env): Promise<Response> {
  const admin = isAdmin(request, env);
  if (!config(env).signupOpen && !admin) {
    fail('forbidden', 'Signup is closed on this server; ask the administrator for a key.');
  }
  if (!admin) {
    const client = request.headers.get('cf-connecting-ip') ?? 'local';
    request.rateLimit = await accountStub(env, `signup:${client}`).consumeBucket(
      request.receivedAt,
      config(env).signupLimits,
    );
    enforce(request.rateLimit, request.receivedAt);
  }
  const body = await readJsonObject(request);
  if (body.limits !== undefined && !admin) {
    fail('forbidden', 'Only the administrator (Authorization: Bearer <ADMIN_TOKEN>) may choose limits.');
  }
  const checked = checkLimits(body.limits, config(env).defaultLimits);
  if (!checked.ok)
    fail('invalid-limits', `Invalid limits: ${checked.errors[0].pointer} ${checked.errors[0].message}.`, {
      errors: checked.errors,
    });
  const { id, key } = newKey();
  const account = await accountStub(env, id).create(id, sha256Hex(key), checked.limits, request.receivedAt);
  return Response.json({ key, id, limits: account.limits, createdAt: account.createdAt }, { status: 201 });
}

export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    fail('bad-request', 'The request body is not valid JSON.');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    fail('bad-request', 'The request body must be a JSON object.');
  return body as Record<string, unknown>;
}

const KEY_ID = /^[0-9a-f]{20}$/;

/**
 * PATCH /v1/keys/{id}: the admin changes a key's limits; they apply from the next request on in
 * this isolate, and within LEASE_MS (2 s) in isolates holding a mock lease.
 */
export async function updateKey(request: AppRequest, env: Env): Promise<Response> {
  if (!isAdmin(request, env))
    fail('forbidden', 'Only the administrator (Authorization: Bearer <ADMIN_TOKEN>) may change limits.');
  const id = keyId(request.params.id);
  const body = await readJsonObject(request);
  // This isolate's unspent lease goes back at once; other isolates' leases expire within LEASE_MS.
  const current = await accountStub(env, id).usage(request.receivedAt, takeLease(id));
  if (!current) fail('not-found', `No key with id ${id}.`);
  const checked = checkLimits(body.limits, current.limits);
  if (!checked.ok)
    fail('invalid-limits', `Invalid limits: ${checked.errors[0].pointer} ${checked.errors[0].message}.`, {
      errors: checked.errors,
    });
  const account = await accountStub(env, id).setLimits(checked.limits);
  if (!account) fail('not-found', `No key with id ${id}.`);
  return Response.json({ id, limits: account.limits, revoked: account.revoked });
}

/**
 * DELETE /v1/keys/{id}: revokes a key, by the admin or by the key itself. Control-plane calls
 * consult the key's Durable Object every time, so they fail from the next request, everywhere;
 * mock calls stop at once in this isolate and within LEASE_MS (2 s) where a lease is held.
 */
export async function revokeKey(request: AppRequest, env: Env): Promise<Response> {
  const id = keyId(request.params.id);
  if (!isAdmin(request, env)) {
    const caller = await authenticate(request, env, false);
    if (caller.account.id !== id)
      fail('forbidden', 'A key may revoke only itself; the administrator may revoke any key.');
  }
  const revoked = await accountStub(env, id).revoke(takeLease(id));
  if (!revoked) fail('not-found', `No key with id ${id}.`);
  return new Response(null, { status: 204 });
}

function keyId(raw: string): string {
  if (!KEY_ID.test(raw)) fail('not-found', 'Key ids are 20 hexadecimal characters.');
  return raw;
}
