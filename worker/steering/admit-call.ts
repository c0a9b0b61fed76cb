import type { Env } from '../env';
import { fail } from '../http/problem';
import { hashMockToken, presentedMockToken } from './mock-token';
import { steeringFor } from './steering-cache';
import { admits, type MockSteering } from './steering-state';

/**
 * Admission hook of the mock and sandbox routes: whether this call may proceed (a private API needs
 * its mock token), from the registry's steering (memoized per isolate for at most a second), and
 * the behaviour settings to apply. Refused: 401 problem+json (CORS is added by the router like on
 * every response), thrown before the caller counts any quota.
 */
export async function admitCall(
  env: Env,
  api: string,
  request: Request & { receivedAt: number },
  url: URL,
): Promise<MockSteering> {
  const token = presentedMockToken(request.headers, url.searchParams);
  const steering = await steeringFor(env, api, request.receivedAt);
  if (!admits(steering, token ? await hashMockToken(token) : null))
    fail(
      'mock-token-required',
      token
        ? `The mock token of "${api}" is wrong or was rotated.`
        : `"${api}" is a private mock: send its mock token as X-Specmock-Token or ?__token=.`,
      { headers: { 'www-authenticate': 'SpecmockToken realm="mock"' } },
    );
  return steering;
}

/** The query the mock sees and the log keeps: the mock token is a specmock credential, not a parameter. */
export function withoutMockToken(params: URLSearchParams): [string, string][] {
  return [...params].filter(([name]) => name !== '__token');
}
