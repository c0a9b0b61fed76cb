import type { JsonValue } from '../plan';
import { checkOpts, matches } from './check';
import type { Ctx } from './context';
import type { Flat } from './flat';
import { isObj } from '../schema-refs';

/**
 * `x-faker`, as Prism documents it: "internet.email", or { "string.alpha": [5] } /
 * { "number.int": { "min": 1 } }. Prism examples use faker v5 names, so common ones are mapped to
 * faker v10. Anything unknown, throwing or schema-violating is ignored (normal generation runs).
 */

const LEGACY: Record<string, string> = {
  'datatype.number': 'number.int',
  'datatype.float': 'number.float',
  'datatype.uuid': 'string.uuid',
  'datatype.string': 'string.sample',
  'datatype.hexadecimal': 'string.hexadecimal',
  'datatype.datetime': 'date.anytime',
  'random.alpha': 'string.alpha',
  'random.alphaNumeric': 'string.alphanumeric',
  'random.numeric': 'string.numeric',
  'random.word': 'lorem.word',
  'random.words': 'lorem.words',
  'random.uuid': 'string.uuid',
  'random.number': 'number.int',
  'random.float': 'number.float',
  'random.boolean': 'datatype.boolean',
  'random.arrayElement': 'helpers.arrayElement',
  'name.findName': 'person.fullName',
  'address.streetName': 'location.street',
  'address.cityName': 'location.city',
  'internet.userName': 'internet.username',
  'internet.avatar': 'image.avatar',
  'internet.color': 'color.rgb',
  'image.imageUrl': 'image.url',
  'phone.phoneNumber': 'phone.number',
  'phone.phoneNumberFormat': 'phone.number',
  'company.companyName': 'company.name',
  'company.bs': 'company.buzzPhrase',
  'finance.account': 'finance.accountNumber',
  'finance.mask': 'finance.maskedNumber',
  'time.recent': 'date.recent',
  fake: 'helpers.fake',
};
const MODULE_RENAMES: Record<string, string> = { name: 'person', address: 'location', random: 'string' };
/** Methods whose numeric arguments are lengths or counts: a spec must not make us allocate 1e9. */
const SIZED = new Set(['string', 'lorem', 'helpers', 'word', 'datatype', 'number', 'system']);

function clampArgs(v: unknown, limit: number, depth = 0): unknown {
  if (depth > 5) return undefined;
  if (typeof v === 'number') return Math.max(-limit, Math.min(limit, v));
  if (Array.isArray(v)) return v.map((x) => clampArgs(x, limit, depth + 1));
  if (isObj(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = clampArgs(x, limit, depth + 1);
    return out;
  }
  return v;
}

function resolveMethod(
  ctx: Ctx,
  method: string,
): { fn: (...a: unknown[]) => unknown; self: object; module: string } | undefined {
  const parts = (LEGACY[method] ?? method).split('.');
  if (parts.length !== 2) return undefined;
  const [mod, fn] = parts;
  const tryGet = (m: string) => {
    if (m.startsWith('_') || fn.startsWith('_') || fn === 'constructor') return undefined;
    const module = (ctx.faker as unknown as Record<string, unknown>)[m];
    if (typeof module !== 'object' || module === null) return undefined;
    const f = (module as Record<string, unknown>)[fn];
    return typeof f === 'function'
      ? { fn: f as (...a: unknown[]) => unknown, self: module, module: m }
      : undefined;
  };
  return tryGet(mod) ?? (MODULE_RENAMES[mod] ? tryGet(MODULE_RENAMES[mod]) : undefined);
}

function candidates(result: unknown): JsonValue[] {
  if (result instanceof Date) {
    const iso = result.toISOString().replace(/\.\d{3}Z$/, 'Z');
    return [iso, iso.slice(0, 10), Math.floor(result.getTime() / 1000)];
  }
  if (typeof result === 'bigint') return [Number(result), result.toString()];
  if (typeof result === 'number') return Number.isFinite(result) ? [result, String(result)] : [];
  if (typeof result === 'string') {
    const n = Number(result);
    return result.trim() !== '' && Number.isFinite(n) ? [result, n] : [result];
  }
  if (typeof result === 'boolean') return [result, String(result)];
  if (typeof result === 'object' && result !== null) {
    try {
      return [JSON.parse(JSON.stringify(result)) as JsonValue];
    } catch {
      return [];
    }
  }
  return [];
}

export function xFakerValue(flat: Flat, ctx: Ctx): JsonValue | undefined {
  const spec = flat.xFaker;
  let method: string;
  let args: unknown[] = [];
  if (typeof spec === 'string') method = spec;
  else if (isObj(spec)) {
    const entries = Object.entries(spec);
    if (entries.length !== 1) return undefined;
    method = entries[0][0];
    const a = entries[0][1];
    args = Array.isArray(a) ? a : a === undefined || a === null ? [] : [a];
  } else return undefined;
  const m = resolveMethod(ctx, method.trim());
  if (!m) return undefined;
  let result: unknown;
  try {
    result = m.fn.apply(m.self, clampArgs(args, SIZED.has(m.module) ? 2_000 : 1e12) as unknown[]);
  } catch {
    return undefined;
  }
  for (const c of candidates(result)) {
    if (typeof c === 'string' && c.length > 100_000) continue;
    if (matches(flat.raw, c, checkOpts(ctx, { strictAccess: true, outside: true }))) return c;
  }
  return undefined;
}
