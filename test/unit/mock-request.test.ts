import { describe, expect, it } from 'vitest';
import { headerOf, mockRequestOf, plainRequest } from '../../worker/mock-call/mock-request';
import type { MockRequest } from '../../worker/mock/call';

/** Request headers that count how often they are walked whole. */
function countedHeaders(init: Record<string, string>): { headers: Headers; walks: () => number } {
  const headers = new Headers(init);
  let walks = 0;
  const forEach = headers.forEach.bind(headers);
  headers.forEach = (...args: Parameters<Headers['forEach']>) => {
    walks++;
    forEach(...args);
  };
  return { headers, walks: () => walks };
}

const at = { path: '/pets/1', baseUrl: 'https://specmock.test/mock/petstore/v1' };

describe("the mock's view of a request", () => {
  it('reads one header by name without walking them all, and builds the record once, when first used', () => {
    const { headers, walks } = countedHeaders({ Accept: 'application/json', Prefer: 'seed=3' });
    const request = new Request('https://specmock.test/x', { headers });
    Object.defineProperty(request, 'headers', { value: headers });
    const mock = mockRequestOf(request, at, { method: 'GET', query: [['a', '1']], body: undefined });
    expect(headerOf(mock, 'prefer')).toBe('seed=3');
    expect(headerOf(mock, 'x-absent')).toBeUndefined();
    expect(walks()).toBe(0);
    expect(mock.headers).toEqual({ accept: 'application/json', prefer: 'seed=3' });
    expect(mock.headers).toBe(mock.headers);
    expect(walks()).toBe(1);
    expect(mock).toMatchObject({ method: 'GET', path: '/pets/1', query: [['a', '1']], baseUrl: at.baseUrl });
  });

  it('becomes plain data for a spread and a structured clone (the engine, a sandbox RPC), headers included', () => {
    const request = new Request('https://specmock.test/x', { method: 'POST', headers: { 'X-Trace': 't1' } });
    const mock = mockRequestOf(request, at, {
      method: 'POST',
      query: [],
      body: { contentType: 'text/plain', text: 'hi' },
    });
    const expected = {
      method: 'POST',
      path: '/pets/1',
      baseUrl: at.baseUrl,
      query: [],
      headers: { 'x-trace': 't1' },
      body: { contentType: 'text/plain', text: 'hi' },
    };
    const plain = plainRequest(mock);
    expect({ ...plain, steer: { code: '201' } }).toEqual({ ...expected, steer: { code: '201' } });
    expect(structuredClone(plain)).toEqual(expected);
    expect(plainRequest(plain)).toBe(plain);
  });

  it('reads a request built before the last one from its own headers, not the newer one', () => {
    const first = mockRequestOf(
      new Request('https://specmock.test/a', { headers: { Prefer: 'seed=1' } }),
      at,
      { method: 'GET', query: [], body: undefined },
    );
    const second = mockRequestOf(
      new Request('https://specmock.test/b', { headers: { Prefer: 'seed=2' } }),
      at,
      { method: 'GET', query: [], body: undefined },
    );
    expect(headerOf(first, 'prefer')).toBe('seed=1');
    expect(headerOf(second, 'prefer')).toBe('seed=2');
    expect(headerOf(first, 'prefer')).toBe('seed=1');
  });

  it('reads a request built elsewhere (a plain record) from its record', () => {
    const plain: MockRequest = { method: 'GET', path: '/', query: [], headers: { accept: 'text/plain' } };
    expect(headerOf(plain, 'accept')).toBe('text/plain');
    expect(headerOf(plain, 'prefer')).toBeUndefined();
  });
});
