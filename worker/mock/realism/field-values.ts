import type { Ctx, Hint } from '../generate/context';
import { words } from '../generate/formats';
import { classify, normalizeName, timeFor } from './field-kinds';

/** Numbers, booleans and map keys that fit a field's name (field-kinds.ts says which kind it is). */

export function numberFor(name: string, integer: boolean, ctx: Ctx, hint: Hint): number | undefined {
  const kind = classify(name);
  if (kind === null) return undefined;
  const r = ctx.rng;
  switch (kind) {
    case 'id':
      return r.int(1, 10_000);
    case 'price':
      return integer ? r.int(1, 500) : Math.round((1 + r.next() * 499) * 100) / 100;
    case 'latitude':
      return integer ? r.int(-90, 90) : Math.round((r.next() * 180 - 90) * 1e6) / 1e6;
    case 'longitude':
      return integer ? r.int(-180, 180) : Math.round((r.next() * 360 - 180) * 1e6) / 1e6;
    case 'count':
    case 'numeric':
      return r.int(0, 100);
    case 'status':
    case 'code':
      // An integer status/code is almost always an HTTP status in API payloads.
      return r.pick([200, 201, 400, 401, 403, 404, 409, 422, 500]);
    case 'age':
      return r.int(18, 85);
    case 'year':
      return new Date(ctx.refDate).getUTCFullYear() - r.int(0, 10);
    case 'month':
      return r.int(1, 12);
    case 'day':
      return r.int(1, 28);
    case 'rating':
      return integer ? r.int(1, 5) : Math.round((1 + r.next() * 4) * 10) / 10;
    case 'percent':
      return integer ? r.int(0, 100) : Math.round(r.next() * 10000) / 100;
    case 'page':
      return r.int(1, 50);
    case 'port':
      return r.int(1024, 65535);
    case 'size':
      return r.int(1, 2048);
    case 'created':
    case 'updated':
    case 'datetime':
    case 'date':
      // Epoch timestamps: milliseconds when the name says so, seconds otherwise.
      return /ms|millis/i.test(name) ? timeFor(kind, ctx, hint) : Math.floor(timeFor(kind, ctx, hint) / 1000);
    default:
      return undefined;
  }
}

const TRUE_ISH =
  /^(is|has|can|should)?(active|enabled|visible|verified|available|public|published|valid|success|ok)$/;
const FALSE_ISH =
  /^(is|has)?(deleted|archived|disabled|locked|banned|blocked|private|draft|hidden|deprecated|spam|suspended)$/;

export function booleanFor(name: string | undefined, ctx: Ctx): boolean {
  if (name !== undefined && ctx.variation === 0) {
    const n = normalizeName(name);
    if (TRUE_ISH.test(n)) return ctx.rng.chance(0.9);
    if (FALSE_ISH.test(n)) return ctx.rng.chance(0.1);
  }
  return ctx.rng.chance(0.5);
}

const MAP_KEYS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'];

export function mapKey(ctx: Ctx, i: number): string {
  return i < MAP_KEYS.length && ctx.rng.chance(0.5) ? MAP_KEYS[i] : words(ctx, 1) + (i || '');
}
