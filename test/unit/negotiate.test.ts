import { describe, expect, it } from 'vitest';
import { concreteType, matchContentType, negotiate } from '../../worker/mock/negotiate';
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

describe('negotiate: vendor types, suffixes and parameters (issue 18 §1)', () => {
  it('serves application/json content to a client asking a +json vendor type (GitHub, Octokit)', () => {
    expect(negotiate(['application/json'], 'application/vnd.github.v3+json')).toBe('application/json');
    expect(negotiate(['application/json'], 'application/vnd.github+json')).toBe('application/json');
    expect(negotiate(['application/xml', 'application/json'], 'application/vnd.github.v3+json')).toBe(
      'application/json',
    );
  });
  it('and the reverse: a +json-only operation serves a client asking application/json', () => {
    expect(negotiate(['application/vnd.api+json'], 'application/json')).toBe('application/vnd.api+json');
    expect(negotiate(['application/hal+json'], 'application/json, text/plain, */*')).toBe(
      'application/hal+json',
    );
  });
  it('prefers the exact type over a family match, and q over both', () => {
    expect(negotiate(['application/json', 'application/vnd.api+json'], 'application/vnd.api+json')).toBe(
      'application/vnd.api+json',
    );
    expect(negotiate(['application/vnd.api+json', 'application/json'], 'application/json')).toBe(
      'application/json',
    );
    expect(negotiate(['application/json'], 'application/vnd.x+json;q=0.5, application/json;q=0')).toBe(
      undefined,
    );
  });
  it('ignores media-type parameters other than q, in Accept and in spec keys', () => {
    expect(negotiate(['application/json'], 'application/json; version=2')).toBe('application/json');
    expect(negotiate(['application/json; charset=utf-8'], 'application/json')).toBe(
      'application/json; charset=utf-8',
    );
    expect(negotiate(['application/vnd.x+json'], 'application/vnd.x+json; version=1; q=0.9')).toBe(
      'application/vnd.x+json',
    );
    expect(negotiate(['text/plain'], 'application/x; profile="a,b", text/plain')).toBe('text/plain');
  });
  it('keeps true 406s: JSON and XML are different families, and +json is not text', () => {
    expect(negotiate(['application/xml'], 'application/json')).toBeUndefined();
    expect(negotiate(['application/xml'], 'application/vnd.github+json')).toBeUndefined();
    expect(negotiate(['application/json'], 'text/plain')).toBeUndefined();
    expect(negotiate(['image/svg+xml'], 'application/xml')).toBeUndefined();
    expect(negotiate(['application/atom+xml'], 'application/xml')).toBe('application/atom+xml');
  });
  it('names a concrete type for a spec wildcard, from Accept when it can', () => {
    expect(concreteType('text/*', 'application/json, text/csv')).toBe('text/csv');
    expect(concreteType('*/*', '*/*')).toBe('application/json');
    expect(concreteType('application/json', 'text/csv')).toBe('application/json');
  });
});

describe('matchContentType: request bodies', () => {
  const spec = ['application/json', 'application/x-www-form-urlencoded'];
  it('reads a vendor +json body, or one with parameters, as the JSON media', () => {
    expect(matchContentType(spec, 'application/vnd.x+json')).toBe('application/json');
    expect(matchContentType(spec, 'application/merge-patch+json')).toBe('application/json');
    expect(matchContentType(spec, 'application/json; charset=utf-8')).toBe('application/json');
    expect(matchContentType(spec, 'application/x-www-form-urlencoded; charset=utf-8')).toBe(
      'application/x-www-form-urlencoded',
    );
    expect(matchContentType(['application/json; charset=utf-8'], 'application/json')).toBe(
      'application/json; charset=utf-8',
    );
  });
  it('prefers the exact type, then the family, then wildcards; else no match (415)', () => {
    expect(matchContentType(['*/*', 'application/vnd.api+json'], 'application/vnd.api+json')).toBe(
      'application/vnd.api+json',
    );
    expect(matchContentType(['*/*', 'application/json'], 'application/vnd.api+json')).toBe(
      'application/json',
    );
    expect(matchContentType(['text/*', '*/*'], 'text/csv')).toBe('text/*');
    // A plain JSON body is read by a wildcard before another vendor type of its family (apicurio).
    expect(matchContentType(['application/vnd.get.extended+json', '*/*'], 'application/json')).toBe('*/*');
    expect(matchContentType(['application/vnd.get.extended+json', 'application/*'], 'application/json')).toBe(
      'application/*',
    );
    expect(matchContentType(['application/vnd.get.extended+json'], 'application/json')).toBe(
      'application/vnd.get.extended+json',
    );
    expect(matchContentType(spec, 'text/plain')).toBeUndefined();
    expect(matchContentType(['application/xml'], 'application/json')).toBeUndefined();
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
