import type { Env } from '../env';
import type { AppRequest } from '../http/app-request';
import { checkVersionName } from '../http/api-names';
import { queryInteger } from '../http/query-integer';
import { requestLogStub, MAX_PAGE, type LogQuery } from '../request-log/request-log';
import { ownedState } from './apis';

/**
 * GET /v1/apis/{api}/requests?limit&version&status&sandbox&before&after: the API's recent mock calls,
 * newest first, already redacted at write time. `before` pages back; `after` is what a live view polls.
 */
export async function listRequests(request: AppRequest, env: Env): Promise<Response> {
  const state = await ownedState(request, env, request.params.api);
  const query = readLogQuery(new URL(request.url).searchParams);
  const requests = await requestLogStub(env, state.api).list(query);
  return Response.json({ requests });
}

function readLogQuery(params: URLSearchParams): LogQuery {
  const query: LogQuery = {};
  const limit = params.get('limit');
  if (limit !== null) query.limit = queryInteger('limit', limit, 1, MAX_PAGE);
  const version = params.get('version');
  if (version !== null) query.version = checkVersionName(version);
  const sandbox = params.get('sandbox');
  if (sandbox !== null) query.sandbox = sandbox.slice(0, 100);
  const status = params.get('status');
  if (status !== null) {
    const cls = /^([1-5])xx$/i.exec(status);
    if (cls) query.statusClass = Number(cls[1]);
    else query.status = queryInteger('status', status, 100, 599, ' or a class such as 4xx');
  }
  for (const name of ['before', 'after'] as const) {
    const value = params.get(name);
    if (value !== null) query[name] = queryInteger(name, value, 0, Number.MAX_SAFE_INTEGER);
  }
  return query;
}
