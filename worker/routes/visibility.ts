import type { Env } from '../env';
import type { AppRequest } from '../http/app-request';
import { checkApiName } from '../http/api-names';
import { fail } from '../http/problem';
import { callerOf } from '../auth/with-key';
import { bearerToken } from '../auth/api-key-format';
import { registryStub } from '../registry/api-registry';
import { deriveMockToken, hashMockToken, newNonce } from '../mock-call/mock-token';
import type { ApiSettings } from '../registry/api-settings';
import { readJsonObject } from './keys';
import { forgetSettings } from '../mock-call/settings-memo';

/** What GET /v1/apis/{api} and these routes tell the owner about access to the mock. */
async function accessSummary(request: Request, api: string, settings: ApiSettings) {
  return {
    visibility: settings.visibility,
    mockToken: settings.token ? await deriveMockToken(ownerKey(request), api, settings.token.nonce) : null,
    mockTokenCreatedAt: settings.token?.createdAt ?? null,
  };
}

/** The summary for GET /v1/apis/{api}, one extra registry call. */
export async function accessOf(request: AppRequest, env: Env, api: string) {
  const settings = await registryStub(env, api).settingsOf(callerOf(request).account.id);
  return settings ? accessSummary(request, api, settings) : {};
}

/** PATCH /v1/apis/{api} `{"visibility": "private" | "public"}`; a first switch to private mints the token. */
export async function patchApi(request: AppRequest, env: Env): Promise<Response> {
  const api = checkApiName(request.params.api);
  const body = await readJsonObject(request);
  const unknown = Object.keys(body).filter((k) => k !== 'visibility');
  if (body.visibility !== 'private' && body.visibility !== 'public')
    fail('bad-request', '`visibility` must be "private" or "public".', {
      errors: [{ pointer: '/visibility', message: 'must be "private" or "public"' }],
    });
  if (unknown.length > 0)
    fail('bad-request', `Only \`visibility\` can be changed here, not ${unknown.join(', ')}.`, {
      errors: unknown.map((k) => ({ pointer: `/${k}`, message: 'is not a changeable property' })),
    });
  const token = await mintToken(request, api);
  const result = await registryStub(env, api).setVisibility(
    callerOf(request).account.id,
    body.visibility,
    token,
  );
  forgetSettings(api);
  return Response.json({ api, ...(await accessSummary(request, api, owned(api, result))) });
}

/** POST /v1/apis/{api}/mock-token: a new token; the old one stops working at once. */
export async function rotateMockToken(request: AppRequest, env: Env): Promise<Response> {
  const api = checkApiName(request.params.api);
  const result = await registryStub(env, api).setMockToken(
    callerOf(request).account.id,
    await mintToken(request, api),
  );
  forgetSettings(api);
  return Response.json({ api, ...(await accessSummary(request, api, owned(api, result))) });
}

async function mintToken(request: Request, api: string): Promise<NonNullable<ApiSettings['token']>> {
  const nonce = newNonce();
  const token = await deriveMockToken(ownerKey(request), api, nonce);
  return { nonce, hash: hashMockToken(token), createdAt: new Date().toISOString() };
}

function owned(api: string, result: ApiSettings | string): ApiSettings {
  if (typeof result === 'string') fail('api-not-found', `You have no API named "${api}".`);
  return result;
}

/** Routes here run after withKey, so the bearer is the authenticated owner's key. */
function ownerKey(request: Request): string {
  return bearerToken(request) ?? fail('internal-error', 'Route reached without a key.');
}
