import { describe, expect, it } from 'vitest';
import { negotiate } from '../../worker/mock/negotiate';
import { readPreferences } from '../../worker/mock/prefer';

describe('negotiate', () => {
  const available = ['application/xml', 'application/json', 'text/plain'];
  it("follows the spec's order without Accept, or with */*", () => {
    expect(negotiate(available, undefined)).toBe('application/xml');
    expect(negotiate(available, '*/*')).toBe('application/xml');
    expect(negotiate(['application/json', 'application/xml'], '*/*')).toBe('application/json');
  });
  it('honours q-values and wildcards', () => {
    expect(negotiate(available, 'application/xml;q=0.9, text/plain')).toBe('text/plain');
    expect(negotiate(available, 'text/*')).toBe('text/plain');
    expect(negotiate(available, 'application/json;q=0, */*;q=0.1')).toBe('application/xml');
    expect(negotiate(['application/vnd.api+json'], 'application/vnd.api+json')).toBe(
      'application/vnd.api+json',
    );
  });
  it('returns undefined when nothing is acceptable', () => {
    expect(negotiate(available, 'image/png')).toBeUndefined();
  });
  it('matches a spec wildcard', () => {
    expect(negotiate(['*/*'], 'application/json')).toBe('*/*');
  });
});

describe('readPreferences', () => {
  it('reads the Prefer header, quoted values included', () => {
    expect(readPreferences('code=404, example="not found", dynamic=true, seed=abc', [])).toEqual({
      code: '404',
      example: 'not found',
      dynamic: true,
      seed: 'abc',
    });
  });
  it('lets the __ query parameters win over the header', () => {
    expect(
      readPreferences('code=404', [
        ['__code', '500'],
        ['__dynamic', 'false'],
        ['limit', '3'],
      ]),
    ).toEqual({ code: '500', dynamic: false });
  });
});
