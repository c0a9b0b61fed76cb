import type { Env } from './env';
import type { Limits } from './quota/policy';
import type { HostTarget } from './http/mock-host';
import { retryDelays } from './hooks/delivery';
import { targetPolicy, type TargetPolicy } from './hooks/target-policy';

/** Every setting the Worker reads from its vars, parsed and validated in one place. */
export interface Config {
  /** `closed`: only the admin may create keys. */
  signupOpen: boolean;
  adminToken: string | undefined;
  /** Limits of a key created without explicit ones. */
  defaultLimits: Limits;
  /** Keys minted by open signup, per client address. */
  signupLimits: Limits;
  maxSpecBytes: number;
  /** A multi-file upload: files in it, and bytes of them all once decompressed. */
  maxUploadFiles: number;
  maxUploadBytes: number;
  /** Control-plane calls per key per minute: a budget of its own, never spent by mock traffic. */
  controlPerMinute: number;
  /**
   * false only in local mode (`specmock mock` sets QUOTAS=off): mock calls then skip the quota
   * object entirely. A var of the deployment, so no request can switch it.
   */
  quotas: boolean;
  /** A soft cap (two concurrent first publishes may pass it by one): it bounds storage, not traffic. */
  maxApisPerKey: number;
  /** `off`: mock calls are not written to the request log (the bench compares both). */
  logMockCalls: boolean;
  /** Live sandboxes one key may hold at once. */
  maxSandboxesPerKey: number;
  /** Caps of one sandbox: items per collection, bytes of stored JSON. */
  sandboxMaxItems: number;
  sandboxMaxBytes: number;
  /**
   * Each mock has a host of its own under this domain (`petstore.mock.example.com`, see
   * http/mock-host.ts); '' switches host routing off. Lower case, without a leading `*.` or dot.
   */
  mockDomain: string;
  /**
   * The mock served at the root of every host outside the mock domain (`specmock mock` sets it), the
   * path forms `/mock/…` and `/sandbox/…` aside; the service itself then answers only at the mock
   * domain. ROOT_MOCK is `{api}/{version}` (`latest` allowed) or a sandbox id; needs a mock domain.
   */
  rootMock: HostTarget | undefined;
  /** Where deliveries may go: `public` hosts only (hosted), or `any` (local, loopback receivers). */
  webhookTargets: TargetPolicy;
  /** Delays before each retry of a failed delivery (WEBHOOK_RETRY_DELAYS_MS; tests shorten them). */
  webhookRetryDelays: number[];
}

const memo = new WeakMap<Env, Config>();

/** The config of this env; parsed once per env object (one per isolate in production). */
export function config(env: Env): Config {
  let parsed = memo.get(env);
  if (!parsed) {
    parsed = parseConfig(env);
    memo.set(env, parsed);
  }
  return parsed;
}

export function parseConfig(env: Env): Config {
  return {
    signupOpen: env.SIGNUP !== 'closed',
    adminToken: env.ADMIN_TOKEN || undefined,
    defaultLimits: {
      perMinute: positive(env.DEFAULT_PER_MINUTE, 600),
      perMonth: positive(env.DEFAULT_PER_MONTH, 100_000),
    },
    signupLimits: {
      perMinute: positive(env.SIGNUP_PER_MINUTE, 10),
      perMonth: positive(env.SIGNUP_PER_MONTH, 1000),
    },
    maxSpecBytes: positive(env.MAX_SPEC_BYTES, 25 * 1024 * 1024),
    maxUploadFiles: positive(env.MAX_UPLOAD_FILES, 1000),
    maxUploadBytes: positive(env.MAX_UPLOAD_BYTES, 25 * 1024 * 1024),
    maxApisPerKey: positive(env.MAX_APIS_PER_KEY, 1000),
    controlPerMinute: positive(env.CONTROL_PER_MINUTE, 1200),
    quotas: env.QUOTAS !== 'off',
    logMockCalls: env.LOG_MOCK_CALLS !== 'off',
    maxSandboxesPerKey: positive(env.MAX_SANDBOXES_PER_KEY, 100),
    sandboxMaxItems: positive(env.SANDBOX_MAX_ITEMS, 1000),
    sandboxMaxBytes: positive(env.SANDBOX_MAX_BYTES, 5 * 1024 * 1024),
    ...hostRouting(env.MOCK_DOMAIN, env.ROOT_MOCK),
    webhookTargets: targetPolicy(env.WEBHOOK_TARGETS),
    webhookRetryDelays: retryDelays(env.WEBHOOK_RETRY_DELAYS_MS),
  };
}

const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A malformed domain or root label switches the feature off rather than failing every request. */
function hostRouting(
  domain: string | undefined,
  root: string | undefined,
): Pick<Config, 'mockDomain' | 'rootMock'> {
  const mockDomain = (domain ?? '')
    .trim()
    .toLowerCase()
    .replace(/^\*?\./, '')
    .replace(/\.$/, '');
  if (!DOMAIN.test(mockDomain)) return { mockDomain: '', rootMock: undefined };
  return { mockDomain, rootMock: rootMockOf((root ?? '').trim()) };
}

const ROOT_VERSION = /^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)\/([A-Za-z0-9._-]{1,64})$/;

function rootMockOf(root: string): HostTarget | undefined {
  if (/^sb_[0-9a-f]{32}$/.test(root)) return { kind: 'sandbox', id: root };
  const m = ROOT_VERSION.exec(root);
  return m && m[2] !== '.' && m[2] !== '..' ? { kind: 'api', api: m[1], version: m[2] } : undefined;
}

/** A var that is not a positive integer falls back to the default rather than failing every request. */
function positive(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}
