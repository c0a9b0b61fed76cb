import type { Env } from '../env';
import type { AppRequest } from '../http/app-request';
import { checkApiName } from '../http/api-names';
import { fail } from '../http/problem';
import { validateBehaviour } from '../behaviour/settings';
import { callerOf } from '../auth/with-key';
import { registryStub } from '../registry/api-registry';
import { readJsonObject } from './keys';
import { forgetSettings } from '../mock-call/settings-memo';

/** GET /v1/apis/{api}/behaviour: the API's current settings (`{}` when none). */
export async function getBehaviour(request: AppRequest, env: Env): Promise<Response> {
  const api = checkApiName(request.params.api);
  const settings = await registryStub(env, api).settingsOf(callerOf(request).account.id);
  if (!settings) fail('api-not-found', `You have no API named "${api}".`);
  return Response.json(settings.behaviour);
}

/**
 * PUT /v1/apis/{api}/behaviour: replaces the settings as a whole. They live in the API's registry
 * object, which every mock call asks, so the next call anywhere sees them.
 */
export async function putBehaviour(request: AppRequest, env: Env): Promise<Response> {
  const api = checkApiName(request.params.api);
  const checked = validateBehaviour(await readJsonObject(request));
  if (!checked.ok)
    fail('invalid-behaviour', 'The behaviour settings are not valid; see errors[].', {
      errors: checked.errors,
    });
  const result = await registryStub(env, api).setBehaviour(callerOf(request).account.id, checked.behaviour);
  forgetSettings(api);
  if (result === 'forbidden' || result === 'not-found' || result === 'deleted')
    fail('api-not-found', `You have no API named "${api}".`);
  return Response.json(result.behaviour);
}
