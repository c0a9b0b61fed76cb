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
});
