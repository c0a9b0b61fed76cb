import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../worker/config';
import type { Env } from '../../worker/env';

const env = (vars: Record<string, string>) => vars as unknown as Env;

describe('config', () => {
  it('turns quotas off only for the exact var local mode sets', () => {
    expect(parseConfig(env({})).quotas).toBe(true);
    expect(parseConfig(env({ QUOTAS: 'on' })).quotas).toBe(true);
    expect(parseConfig(env({ QUOTAS: 'off' })).quotas).toBe(false);
    for (const near of ['OFF', 'false', '0', ' off', ''])
      expect(parseConfig(env({ QUOTAS: near })).quotas, near).toBe(true);
  });

  it('gives the control plane its own generous per-minute budget', () => {
    expect(parseConfig(env({})).controlPerMinute).toBe(1200);
    expect(parseConfig(env({ CONTROL_PER_MINUTE: '50' })).controlPerMinute).toBe(50);
    expect(parseConfig(env({ CONTROL_PER_MINUTE: '-3' })).controlPerMinute).toBe(1200);
  });

  it('reads the mock domain without a wildcard or dots at the ends, and switches a malformed one off', () => {
    expect(parseConfig(env({})).mockDomain).toBe('');
    expect(parseConfig(env({ MOCK_DOMAIN: '*.Mock.Example.com.' })).mockDomain).toBe('mock.example.com');
    for (const bad of [
      'mock..example.com',
      'mock_example.com',
      'http://mock.example.com',
      '-mock.example.com',
    ])
      expect(parseConfig(env({ MOCK_DOMAIN: bad })).mockDomain, bad).toBe('');
  });

  it('reads ROOT_MOCK as {api}/{version} or a sandbox id, only beside a mock domain', () => {
    const root = (ROOT_MOCK: string, MOCK_DOMAIN = 'mock.localhost') =>
      parseConfig(env({ ROOT_MOCK, MOCK_DOMAIN })).rootMock;
    expect(root('petstore/1.0.0')).toEqual({ kind: 'api', api: 'petstore', version: '1.0.0' });
    expect(root('petstore/latest')).toEqual({ kind: 'api', api: 'petstore', version: 'latest' });
    expect(root(`sb_${'a'.repeat(32)}`)).toEqual({ kind: 'sandbox', id: `sb_${'a'.repeat(32)}` });
    for (const bad of ['', 'petstore', 'PetStore/1', 'petstore/..', 'petstore/1/2', 'sb_123'])
      expect(root(bad), bad).toBeUndefined();
    expect(root('petstore/1.0.0', '')).toBeUndefined();
  });
});
