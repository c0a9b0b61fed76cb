import { describe, expect, it } from 'vitest';
import type { Plan } from '../../worker/mock/plan';
import { capBody, MAX_LOGGED_BODY_BYTES } from '../../worker/request-log/record';
import { credentialNames, REDACTED, redactHeaders, redactQuery } from '../../worker/request-log/redact';

const plan = {
  securitySchemes: {
    header: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
    query: { type: 'apiKey', in: 'query', name: 'api_key' },
    cookie: { type: 'apiKey', in: 'cookie', name: 'session' },
    bearer: { type: 'http', scheme: 'bearer' },
  },
} as unknown as Plan;

describe('redaction', () => {
  const names = credentialNames(plan);

  it('replaces every credential header, keeps the rest', () => {
    const out = redactHeaders(
      [
        ['Authorization', 'Bearer s1'],
        ['x-api-key', 's2'],
        ['X-Specmock-Token', 's3'],
        ['cookie', 'session=s4; theme=dark'],
        ['accept', 'application/json'],
      ],
      names,
    );
    expect(out).toEqual({
      authorization: REDACTED,
      'x-api-key': REDACTED,
      'x-specmock-token': REDACTED,
      cookie: `session=${REDACTED}; theme=${REDACTED}`,
      accept: 'application/json',
    });
  });

  it('replaces credential query parameters, case-insensitively, and the mock token', () => {
    expect(
      redactQuery(
        [
          ['API_KEY', 's1'],
          ['__token', 's2'],
          ['access_token', 's3'],
          ['limit', '5'],
        ],
        names,
      ),
    ).toBe(
      `API_KEY=${encodeURIComponent(REDACTED)}&__token=${encodeURIComponent(REDACTED)}&access_token=${encodeURIComponent(REDACTED)}&limit=5`,
    );
  });

  it('always covers Authorization and Cookie, even without a plan', () => {
    const bare = credentialNames(undefined);
    expect(
      redactHeaders(
        [
          ['authorization', 'x'],
          ['cookie', 'a=b'],
        ],
        bare,
      ),
    ).toEqual({
      authorization: REDACTED,
      cookie: `a=${REDACTED}`,
    });
  });
});

describe('capBody', () => {
  it('keeps short bodies and marks long ones truncated at the byte cap', () => {
    expect(capBody('{"a":1}')).toEqual({ body: '{"a":1}' });
    expect(capBody(undefined)).toEqual({ body: null });
    const long = capBody('é'.repeat(MAX_LOGGED_BODY_BYTES));
    expect(long.truncated).toBe(true);
    expect(new TextEncoder().encode(long.body!).byteLength).toBeLessThanOrEqual(MAX_LOGGED_BODY_BYTES);
    expect(long.body!.endsWith('é')).toBe(true);
    const exact = 'a'.repeat(MAX_LOGGED_BODY_BYTES);
    expect(capBody(exact)).toEqual({ body: exact });
  });
});
