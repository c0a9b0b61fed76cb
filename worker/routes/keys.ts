import type { Env } from '../env';
import { accountStub, defaultLimits, isAdmin, newKey } from '../http/api-key';
import { fail } from '../http/problem';
import { checkLimits } from '../quota/policy';
import { sha256Hex } from '../spec/ingest';
import type { AppRequest } from './context';

/** POST /v1/keys: open signup by default; only the admin may set limits or sign up when closed. */
export async function createKey(request: AppRequest, env: Env): Promise<Response> {
  const admin = isAdmin(request, env);
  if (env.SIGNUP === 'closed' && !admin) {
    fail('forbidden', 'Signup is closed on this server; ask the administrator for a key.');
  }
  const body = await readJsonObject(request);
  if (body.limits !== undefined && !admin) {
    fail('forbidden', 'Only the administrator (Authorization: Bearer <ADMIN_TOKEN>) may choose limits.');
  }
  const checked = checkLimits(body.limits, defaultLimits(env));
  if (!checked.ok) fail('invalid-limits', `Invalid limits: ${checked.errors[0].pointer} ${checked.errors[0].message}.`, { errors: checked.errors });
  const { id, key } = newKey();
  const account = await accountStub(env, id).create(id, await sha256Hex(key), checked.limits, request.receivedAt);
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
  if (body === null || typeof body !== 'object' || Array.isArray(body)) fail('bad-request', 'The request body must be a JSON object.');
  return body as Record<string, unknown>;
}
