import type { Ctx } from '../generate/context';
import { words } from '../generate/formats';
import { inCaseOf, vocabularyOf } from './vocabularies';
import { formatInstant, instantStyleOf, recentInstant, type InstantStyle } from './instants';

/**
 * A spec example as a template: `cus_NffrFeUfNV2Hib` → `cus_` + 14 random alphanumerics of the same
 * cases, `octocat/Hello-World` → word/Word-Word, `open` → a word of the same vocabulary, a date in
 * the example's own notation. Templates are derived once per example string and cached, so a mock
 * call only fills them in. The caller checks every result against the schema.
 */

type Part =
  | { k: 'lit'; s: string }
  | { k: 'digits'; n: number; lead: boolean }
  | { k: 'hex'; n: number; upper: boolean }
  | { k: 'chars'; n: number; set: string }
  | { k: 'word'; model: string }
  | { k: 'vocab'; list: readonly string[]; model: string }
  | { k: 'instant'; style: InstantStyle };

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const cache = new Map<string, Part[]>();
const CACHE_MAX = 4000;

function alnumRun(run: string, first: boolean, next: string | undefined): Part {
  if (/^\d+$/.test(run)) return { k: 'digits', n: run.length, lead: run.length > 1 && run[0] !== '0' };
  // Short prefixes and tags (`cus_`, `v1`, `AC`) carry meaning: keep them as written.
  if (first && next === '_' && /^[a-z]{1,6}$/.test(run)) return { k: 'lit', s: run };
  if (run.length <= 3) return { k: 'lit', s: run };
  if (run.length >= 7 && /^[0-9a-f]+$/.test(run) && /\d/.test(run) && /[a-f]/.test(run))
    return { k: 'hex', n: run.length, upper: false };
  if (run.length >= 7 && /^[0-9A-F]+$/.test(run) && /\d/.test(run) && /[A-F]/.test(run))
    return { k: 'hex', n: run.length, upper: true };
  if (/^[A-Z]?[a-z]+$/.test(run)) return { k: 'word', model: run };
  if (/^[A-Z]+$/.test(run)) return { k: 'lit', s: run };
  let set = '';
  if (/[a-z]/.test(run)) set += LOWER;
  if (/[A-Z]/.test(run)) set += UPPER;
  if (/\d/.test(run)) set += DIGITS;
  return { k: 'chars', n: run.length, set };
}

/** Twilio-style SIDs: two capitals then 32 hex digits. */
const SID = /^([A-Z]{2})([0-9a-f]{32})$/;

function urlTemplate(s: string): Part[] {
  // Keep host and words, vary the numbers that are whole path segments (ids), nothing else.
  const parts: Part[] = [];
  const re = /\/(\d+)(?=\/|$|\?|#)/g;
  let at = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    parts.push({ k: 'lit', s: s.slice(at, m.index + 1) });
    parts.push({ k: 'digits', n: m[1].length, lead: m[1].length > 1 });
    at = m.index + m[0].length;
  }
  parts.push({ k: 'lit', s: s.slice(at) });
  return parts;
}

export function templateOf(s: string): Part[] {
  let t = cache.get(s);
  if (t) return t;
  t = build(s);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(s, t);
  return t;
}

function build(s: string): Part[] {
  const vocab = vocabularyOf(s);
  if (vocab) return [{ k: 'vocab', list: vocab, model: s }];
  const style = instantStyleOf(s);
  if (style) return [{ k: 'instant', style }];
  if (/^https?:\/\/\S+$/.test(s)) return urlTemplate(s);
  // An instant inside other text (`"2020-07-09T00:17:55Z"` with its quotes): vary only the instant.
  const inner = /\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?)?/.exec(s);
  if (inner) {
    const style = instantStyleOf(inner[0]);
    if (style)
      return [
        { k: 'lit', s: s.slice(0, inner.index) },
        { k: 'instant', style },
        { k: 'lit', s: s.slice(inner.index + inner[0].length) },
      ];
  }
  const sid = SID.exec(s);
  if (sid)
    return [
      { k: 'lit', s: sid[1] },
      { k: 'hex', n: 32, upper: false },
    ];
  // Prose and names with spaces read best as written; a lone word becomes another word.
  if (/\s/.test(s) || s.length > 200) return [{ k: 'lit', s }];
  if (/^[A-Z]?[a-z]+$/.test(s)) return [{ k: 'word', model: s }];
  if (/^[A-Za-z]+$/.test(s)) return [{ k: 'lit', s }];
  const email = /^([^@\s]+)@([^@\s]+)$/.exec(s);
  if (email) return [...build(email[1]), { k: 'lit', s: '@' + email[2] }];
  const parts: Part[] = [];
  const re = /[A-Za-z0-9]+|[^A-Za-z0-9]+/g;
  const runs = s.match(re) ?? [];
  // Words joined by `#`, `:` or `=` name things (`youtube#video`, `urn:x:y`): keep those words.
  const wordsVary = /^[A-Za-z0-9/_.-]+$/.test(s);
  runs.forEach((run, i) => {
    if (!/^[A-Za-z0-9]/.test(run)) parts.push({ k: 'lit', s: run });
    else {
      const p = alnumRun(run, i === 0, runs[i + 1]?.charAt(0));
      parts.push(p.k === 'word' && !wordsVary ? { k: 'lit', s: run } : p);
    }
  });
  return parts;
}

function fromSet(ctx: Ctx, set: string, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += set[ctx.rng.int(0, set.length - 1)];
  return out;
}

/** A fresh value with the example's shape. */
export function fillTemplate(parts: Part[], ctx: Ctx): string {
  let out = '';
  for (const p of parts) {
    switch (p.k) {
      case 'lit':
        out += p.s;
        break;
      case 'digits':
        out += p.lead
          ? fromSet(ctx, '123456789', 1) + fromSet(ctx, DIGITS, p.n - 1)
          : fromSet(ctx, DIGITS, p.n);
        break;
      case 'hex':
        out += fromSet(ctx, p.upper ? '0123456789ABCDEF' : '0123456789abcdef', p.n);
        break;
      case 'chars':
        out += fromSet(ctx, p.set, p.n);
        break;
      case 'word': {
        const w = words(ctx, 1);
        out += /^[A-Z]/.test(p.model) ? w.charAt(0).toUpperCase() + w.slice(1) : w;
        break;
      }
      case 'vocab':
        out += inCaseOf(p.model, p.list[ctx.rng.int(0, p.list.length - 1)], p.list);
        break;
      case 'instant':
        out += formatInstant(recentInstant(ctx), p.style);
        break;
    }
  }
  return out;
}

/** Whether the template has anything to vary (a literal-only template is the example itself). */
export function varies(parts: Part[]): boolean {
  return parts.some((p) => p.k !== 'lit');
}

/** A number like the example: same sign, integer-ness, digit count and decimals. */
export function numberLike(ex: number, integer: boolean, ctx: Ctx): number {
  const abs = Math.abs(ex);
  const sign = ex < 0 ? -1 : 1;
  if (Number.isInteger(ex)) {
    // Epoch seconds or milliseconds stay recent instants in the same unit.
    if (abs >= 1e9 && abs < 1e10) return Math.floor(recentInstant(ctx) / 1000);
    if (abs >= 1e12 && abs < 1e13) return recentInstant(ctx);
    if (abs < 10) return sign * ctx.rng.int(abs === 0 ? 0 : 1, 9);
    const digits = String(abs).length;
    return sign * ctx.rng.int(10 ** (digits - 1), 10 ** digits - 1);
  }
  if (integer) return Math.round(ex);
  const decimals = Math.min(6, (String(abs).split('.')[1] ?? '').length);
  const whole = Math.floor(abs);
  const magnitude = whole === 0 ? 1 : 10 ** String(whole).length;
  const raw = ctx.rng.next() * magnitude;
  return sign * Number(raw.toFixed(decimals));
}
