import { refusedHosts } from './loopback-only';
import type { Exchange, Recorder } from './record-proxy';

/** Why a call or a check failed, so the coordinator can route the fix (issue 18's sections). */
export type Cause =
  | 'media type'
  | 'form encoding'
  | 'error shape'
  | 'pagination'
  | 'base path'
  | 'sandbox inference'
  | 'realism'
  | 'sdk type'
  | 'method (spec and SDK disagree)'
  | 'other';

/**
 * The SDKs are installed at run time into `.clients/`, so their types are not visible to the
 * typecheck: a flow reaches them through this one loose type.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

/** One sanity check on a call's result. Sandbox checks count only in the sandbox column. */
export interface Check<T> {
  name: string;
  cause: Cause;
  test: (value: T) => unknown;
}

export const check = <T = Loose>(name: string, cause: Cause, test: (value: T) => unknown): Check<T> => ({
  name,
  cause,
  test,
});

/** Where a flow points its SDK: every URL goes through the recording proxy. */
export interface Target {
  server: 'specmock' | 'prism';
  mode: 'stateless' | 'sandbox';
  /** The full base URL (the mock's path form for specmock, the root for Prism). */
  base: string;
  /** The root of the port: for SDKs that take a host and port but no path. */
  origin: string;
  host: string;
  port: number;
}

/** One SDK, its description, and the ordinary calls a user makes with it. */
export interface ClientFlow {
  name: string;
  /** npm packages and the versions whose API matches the description. */
  packages: Record<string, string>;
  spec: string;
  specLabel: string;
  /** `root`: the SDK takes a host and port but no path prefix, so it needs the spec at the port's root. */
  base: 'path' | 'root';
  /** The API has create and read paths a sandbox can infer resources from: the sandbox run counts. */
  resources: boolean;
  /** Work before the first run (for example generating types); its result is handed to `run`. */
  prepare?: () => Promise<void>;
  run(t: FlowRun): Promise<void>;
}

interface CheckResult {
  name: string;
  cause: Cause;
  ok: boolean;
  sandbox: boolean;
  detail?: string;
}

export interface CallResult {
  label: string;
  ok: boolean;
  cause?: Cause;
  error?: string;
  checks: CheckResult[];
  exchanges: Exchange[];
}

const isSandbox = (c: Check<unknown>) => c.cause === 'sandbox inference';

/** Runs one flow's calls in order, recording each call's exchanges and its checks. */
export class FlowRun {
  readonly calls: CallResult[] = [];
  private refusedAt = 0;
  private firstFailure: string | undefined;

  constructor(
    readonly target: Target,
    private readonly recorder: Recorder,
  ) {}

  get sandbox(): boolean {
    return this.target.mode === 'sandbox';
  }

  /**
   * How a flow asks for the 404 of an unknown id: stateless mocks answer every id, so the flow asks
   * for the status with `Prefer: code=404` (as a user testing error handling would); a sandbox is
   * asked nothing and must answer 404 by itself.
   */
  get prefer404(): Record<string, string> {
    return this.sandbox ? {} : { Prefer: 'code=404' };
  }

  /** The same request as a query parameter, for SDKs whose calls take no extra headers. */
  get query404(): Record<string, string> {
    return this.sandbox ? {} : { __code: '404' };
  }

  /** An ordinary call: it must return without throwing, and every request it made must be 2xx. */
  async ok<T>(label: string, fn: () => Promise<T>, ...checks: Check<T>[]): Promise<T | undefined> {
    const start = this.recorder.exchanges.length;
    this.refusedAt = refusedHosts.length;
    try {
      const value = await fn();
      const exchanges = this.recorder.exchanges.slice(start);
      const bad = exchanges.find((x) => x.status < 200 || x.status > 299);
      const ok = exchanges.length > 0 && !bad;
      const error = exchanges.length === 0 ? 'no request reached the mock' : bad && `HTTP ${bad.status}`;
      this.record(label, ok, error || undefined, exchanges, checks, value, ok);
      return value;
    } catch (e) {
      this.record(label, false, describe(e), this.recorder.exchanges.slice(start), checks, undefined, false);
      return undefined;
    }
  }

  /** A call that must fail: the SDK must throw its own error type (`isSdkError`) for the answer. */
  async fails(
    label: string,
    fn: () => Promise<unknown>,
    isSdkError: (e: Loose) => unknown,
    ...checks: Check<Loose>[]
  ): Promise<void> {
    const start = this.recorder.exchanges.length;
    this.refusedAt = refusedHosts.length;
    let thrown: unknown;
    let threw = false;
    try {
      await fn();
    } catch (e) {
      thrown = e;
      threw = true;
    }
    const exchanges = this.recorder.exchanges.slice(start);
    let ok = false;
    try {
      ok = threw && Boolean(isSdkError(thrown));
    } catch {
      ok = false;
    }
    const error = !threw
      ? `no error raised (HTTP ${exchanges.at(-1)?.status ?? 'none'})`
      : ok
        ? undefined
        : `not the SDK's error: ${describe(thrown)}`;
    this.record(label, ok, error, exchanges, checks, thrown, ok);
  }

  private record<T>(
    label: string,
    ok: boolean,
    error: string | undefined,
    exchanges: Exchange[],
    checks: Check<T>[],
    value: T | undefined,
    evaluate: boolean,
  ): void {
    const results: CheckResult[] = [];
    for (const c of checks) {
      const sandbox = isSandbox(c as Check<unknown>);
      if (sandbox && !this.sandbox) continue;
      let held = false;
      let detail: string | undefined;
      if (evaluate) {
        try {
          held = Boolean(c.test(value as T));
        } catch (e) {
          detail = describe(e);
        }
      } else detail = 'the call failed';
      // A read-back after a failed create says more about the create than about the sandbox.
      if (!held && sandbox && this.firstFailure) detail = `after the failed \`${this.firstFailure}\``;
      results.push({ name: c.name, cause: c.cause, ok: held, sandbox, detail });
    }
    const left = refusedHosts.slice(this.refusedAt);
    const cause = ok ? undefined : left.length ? 'pagination' : classify(exchanges, error, this.sandbox);
    const why = left.length ? `${error} (left the mock for ${left[0]})` : error;
    this.calls.push({ label, ok, cause, error: why, checks: results, exchanges });
    if (!ok) this.firstFailure ??= label;
  }
}

/** specmock's diagnosis of a refusal (`x-specmock-problem`, on every refusal whatever its body) → cause. */
const BY_PROBLEM: Record<string, Cause> = {
  'route-not-found': 'base path',
  'method-not-allowed': 'method (spec and SDK disagree)',
  'not-acceptable': 'media type',
  'unsupported-media-type': 'media type',
  'status-not-defined': 'error shape',
  'item-not-found': 'sandbox inference',
  'item-conflict': 'sandbox inference',
};

/** The cause of a failed call, read from what the mock answered. */
function classify(exchanges: Exchange[], error: string | undefined, sandbox: boolean): Cause {
  const bad = exchanges.findIndex((x) => x.status < 200 || x.status > 299);
  // A list call whose first page worked and a later one failed: the next-page link led astray.
  if (bad > 0) return 'pagination';
  const last = bad === 0 ? exchanges[0] : exchanges.at(-1);
  if (!last) return error?.includes('no request') ? 'other' : 'base path';
  const type = last.responseHeaders['content-type'] ?? '';
  const body = last.responseBody;
  const form = /urlencoded/.test(last.requestHeaders['content-type'] ?? '');
  const problem = last.status >= 400 ? last.responseHeaders['x-specmock-problem'] : undefined;
  if (
    problem === 'invalid-request' &&
    form &&
    /%5B|\[/.test(last.responseHeaders['x-specmock-problem-detail'] ?? '')
  )
    return 'form encoding';
  if (problem && BY_PROBLEM[problem]) return BY_PROBLEM[problem];
  // Prism's answers carry no diagnosis: read its problem bodies.
  if (last.status === 406 || last.status === 415) return 'media type';
  if (last.status === 405) return 'method (spec and SDK disagree)';
  if (last.status === 422 && /%5B|\[/.test(body) && form) return 'form encoding';
  if (last.status === 404 && /route-not-found|\/not-found"|No route|Route not resolved/i.test(body))
    return 'base path';
  if (last.status >= 400 && /problem\+json/.test(type)) return 'error shape';
  if (sandbox && error?.startsWith('no error raised')) return 'sandbox inference';
  if (error?.startsWith('no error raised') || error?.startsWith("not the SDK's error")) return 'error shape';
  if (exchanges.length > 1 && exchanges.some((x) => x.status >= 300)) return 'pagination';
  if (problem === 'invalid-request') return 'other';
  return 'realism';
}

export function describe(e: unknown): string {
  if (e instanceof Error) return `${e.constructor.name}: ${e.message}`.slice(0, 300);
  return String(e).slice(0, 300);
}
