import type { ProblemDetailEntry } from '../http/problem';

/** How one API (or one of its operations) is steered; every member is optional. */
interface SteerRule {
  latency?: { minMs: number; maxMs: number };
  errors?: { rate: number; status: number };
}

interface OperationRule extends SteerRule {
  /** Always answer with this status (the spec's response for it, else a problem). */
  status?: number;
  /** Always answer with this named example. */
  example?: string;
}

/** Mutable, per API, separate from the immutable versions. */
export interface Behaviour extends SteerRule {
  /** Changes which requests draw an injected error, without changing the rate. */
  seed?: string;
  /** Keyed `"GET /pets/{petId}"`: the method upper-cased, then the spec's path template. */
  operations?: Record<string, OperationRule>;
}

export const MAX_LATENCY_MS = 30_000;
const MAX_OPERATION_RULES = 200;
const MAX_SEED_LENGTH = 200;
const MAX_EXAMPLE_LENGTH = 200;
const OPERATION_KEY = /^(GET|PUT|POST|DELETE|OPTIONS|HEAD|PATCH|TRACE|QUERY) \/\S{0,2000}$/;

export type Validated = { ok: true; behaviour: Behaviour } | { ok: false; errors: ProblemDetailEntry[] };

/** Checks an untrusted settings document; every error names its JSON pointer. */
export function validateBehaviour(input: unknown): Validated {
  const errors: ProblemDetailEntry[] = [];
  const err = (pointer: string, message: string) => errors.push({ pointer, message });
  if (!isObject(input)) return { ok: false, errors: [{ pointer: '', message: 'must be a JSON object' }] };
  const behaviour: Behaviour = {};
  unknownKeys(input, ['latency', 'errors', 'seed', 'operations'], '', err);
  Object.assign(behaviour, readRule(input, '', err));
  if (input.seed !== undefined) {
    if (typeof input.seed !== 'string' || input.seed.length > MAX_SEED_LENGTH)
      err('/seed', `must be a string of at most ${MAX_SEED_LENGTH} characters`);
    else behaviour.seed = input.seed;
  }
  if (input.operations !== undefined) {
    if (!isObject(input.operations)) err('/operations', 'must be an object keyed "METHOD /path"');
    else {
      const entries = Object.entries(input.operations);
      if (entries.length > MAX_OPERATION_RULES)
        err('/operations', `may hold at most ${MAX_OPERATION_RULES} operations`);
      const operations: Record<string, OperationRule> = {};
      for (const [key, rule] of entries.slice(0, MAX_OPERATION_RULES)) {
        const at = `/operations/${escapePointer(key)}`;
        if (!OPERATION_KEY.test(key)) err(at, 'the key must read "METHOD /path", e.g. "GET /pets/{petId}"');
        else if (!isObject(rule)) err(at, 'must be an object');
        else operations[key] = readOperationRule(rule, at, err);
      }
      behaviour.operations = operations;
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, behaviour };
}

type Report = (pointer: string, message: string) => void;

function readRule(input: Record<string, unknown>, at: string, err: Report): SteerRule {
  const rule: SteerRule = {};
  if (input.latency !== undefined) {
    const l = input.latency;
    if (!isObject(l)) err(`${at}/latency`, 'must be an object {"minMs", "maxMs"}');
    else {
      unknownKeys(l, ['minMs', 'maxMs'], `${at}/latency`, err);
      const minMs = l.minMs ?? 0;
      const maxMs = l.maxMs ?? minMs;
      const okMin = isMs(minMs);
      const okMax = isMs(maxMs);
      if (!okMin) err(`${at}/latency/minMs`, `must be an integer from 0 to ${MAX_LATENCY_MS}`);
      if (!okMax) err(`${at}/latency/maxMs`, `must be an integer from 0 to ${MAX_LATENCY_MS}`);
      if (okMin && okMax && maxMs < minMs) err(`${at}/latency/maxMs`, 'must not be less than minMs');
      else if (okMin && okMax) rule.latency = { minMs, maxMs };
    }
  }
  if (input.errors !== undefined) {
    const e = input.errors;
    if (!isObject(e)) err(`${at}/errors`, 'must be an object {"rate", "status"}');
    else {
      unknownKeys(e, ['rate', 'status'], `${at}/errors`, err);
      const rate = e.rate;
      const status = e.status ?? 500;
      const okRate = typeof rate === 'number' && rate >= 0 && rate <= 1;
      if (!okRate) err(`${at}/errors/rate`, 'must be a number from 0 to 1');
      if (!isErrorStatus(status))
        err(`${at}/errors/status`, 'must be an error status: 400 to 499 or 500 to 599');
      if (okRate && isErrorStatus(status)) rule.errors = { rate, status };
    }
  }
  return rule;
}

function readOperationRule(input: Record<string, unknown>, at: string, err: Report): OperationRule {
  unknownKeys(input, ['latency', 'errors', 'status', 'example'], at, err);
  const rule: OperationRule = readRule(input, at, err);
  if (input.status !== undefined) {
    if (!isStatus(input.status)) err(`${at}/status`, 'must be an HTTP status from 100 to 599');
    else rule.status = input.status;
  }
  if (input.example !== undefined) {
    if (
      typeof input.example !== 'string' ||
      input.example === '' ||
      input.example.length > MAX_EXAMPLE_LENGTH
    )
      err(`${at}/example`, `must be an example name of 1 to ${MAX_EXAMPLE_LENGTH} characters`);
    else rule.example = input.example;
  }
  return rule;
}

function unknownKeys(input: Record<string, unknown>, known: string[], at: string, err: Report): void {
  for (const key of Object.keys(input))
    if (!known.includes(key))
      err(`${at}/${escapePointer(key)}`, `is not a setting; expected ${known.join(', ')}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isMs(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_LATENCY_MS;
}

function isStatus(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 100 && (value as number) <= 599;
}

function isErrorStatus(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 400 && (value as number) <= 599;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
