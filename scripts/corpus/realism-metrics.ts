/**
 * Realism rates of one generated body, computed WITHOUT the generator's heuristics (own regexes,
 * own notion of "shape", own pairing of fields), so the generator cannot grade its own homework:
 *
 * - example shape: leaf properties whose schema has an example that validates against it, and how
 *   many generated values have that example's shape (type, notation, separators, id prefix);
 * - echo: on an item read (the template's last segment is a parameter), whether the root object
 *   carries the path value in a property that can hold it, or in a URL that ends with it;
 * - time order: created ≤ updated ≤ closed/merged/deleted among siblings;
 * - part/total: `<x>Unread`/`<x>Used`/… never above `<x>Total`, `remaining`/`used` never above `limit`;
 * - status: an error body's HTTP-like `status`/`code` equals the response status;
 * - page size: lists in the body no longer than the page-size query parameter allowed.
 */
import type { JsonValue, OperationPlan, Schema, SchemaObject } from '../../worker/mock/plan';

export interface RealismCounts {
  exampleProps: number;
  exampleShaped: number;
  itemReads: number;
  itemEchoed: number;
  timePairs: number;
  timeViolations: number;
  partPairs: number;
  partViolations: number;
  statusChecks: number;
  statusMismatches: number;
  pageChecks: number;
  pageViolations: number;
  /** A few concrete misses, for the report. */
  misses: string[];
}

export function emptyCounts(): RealismCounts {
  return {
    exampleProps: 0,
    exampleShaped: 0,
    itemReads: 0,
    itemEchoed: 0,
    timePairs: 0,
    timeViolations: 0,
    partPairs: 0,
    partViolations: 0,
    statusChecks: 0,
    statusMismatches: 0,
    pageChecks: 0,
    pageViolations: 0,
    misses: [],
  };
}

export function addCounts(into: RealismCounts, c: RealismCounts, keepMisses = 40): void {
  for (const k of Object.keys(into) as (keyof RealismCounts)[]) {
    if (k === 'misses') continue;
    into[k] += c[k];
  }
  for (const m of c.misses) if (into.misses.length < keepMisses) into.misses.push(m);
}

export interface RealismCase {
  operation: OperationPlan;
  /** The response's schema as the plan holds it (JSON Schema 2020-12, refs into `defs`). */
  schema: Schema;
  defs: Record<string, Schema>;
  status: number;
  pathParams: Record<string, string>;
  query: [string, string][];
  body: JsonValue;
  /** The independent validator's verdict on a candidate value for a schema. */
  isValid: (schema: Schema, value: unknown) => boolean;
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function deref(s: Schema | undefined, defs: Record<string, Schema>, depth = 0): SchemaObject | undefined {
  if (!isObj(s) || depth > 20) return undefined;
  const o = s as SchemaObject;
  if (typeof o.$ref === 'string' && o.$ref.startsWith('#/$defs/')) {
    const target = deref(defs[decodeURIComponent(o.$ref.slice(8))], defs, depth + 1);
    if (!target) return undefined;
    const { $ref: _ignored, ...rest } = o;
    return Object.keys(rest).length ? { ...target, ...rest } : target;
  }
  return o;
}

/** Every schema that may describe property `name` of an object matching `s` (allOf/oneOf/anyOf). */
function propertySchemas(
  s: Schema | undefined,
  name: string,
  defs: Record<string, Schema>,
  depth = 0,
): Schema[] {
  const o = deref(s, defs);
  if (!o || depth > 8) return [];
  const out: Schema[] = [];
  if (isObj(o.properties) && o.properties[name] !== undefined) out.push(o.properties[name]);
  for (const k of ['allOf', 'oneOf', 'anyOf'] as const) {
    const list = o[k];
    if (Array.isArray(list)) for (const b of list) out.push(...propertySchemas(b, name, defs, depth + 1));
  }
  if (!out.length && isObj(o.additionalProperties)) out.push(o.additionalProperties);
  return out;
}

function itemSchemas(s: Schema | undefined, defs: Record<string, Schema>, depth = 0): Schema[] {
  const o = deref(s, defs);
  if (!o || depth > 8) return [];
  const out: Schema[] = o.items !== undefined && typeof o.items !== 'boolean' ? [o.items] : [];
  for (const k of ['allOf', 'oneOf', 'anyOf'] as const) {
    const list = o[k];
    if (Array.isArray(list)) for (const b of list) out.push(...itemSchemas(b, defs, depth + 1));
  }
  return out;
}

function ownExamples(s: Schema, defs: Record<string, Schema>): JsonValue[] {
  const o = deref(s, defs);
  if (!o) return [];
  const out: JsonValue[] = [];
  if (o.example !== undefined) out.push(o.example);
  if (Array.isArray(o.examples)) out.push(...o.examples);
  return out.filter((e) => e !== null && typeof e !== 'object');
}

const ISO_DT = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d/;
const ISO_D = /^\d{4}-\d\d-\d\d$/;
const URLISH = /^(https?):\/\//;
const MAILISH = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function skeleton(s: string): string {
  return s.replace(/[A-Za-z0-9]+/g, 'w').replace(/\s+/g, ' ');
}

/** Whether `v` looks like `ex`: our own, deliberately simple, definition of "same shape". */
export function sameShape(ex: JsonValue, v: JsonValue): boolean {
  if (typeof ex !== typeof v) return false;
  if (typeof ex === 'boolean') return true;
  if (typeof ex === 'number' && typeof v === 'number') {
    if (Number.isInteger(ex) && !Number.isInteger(v)) return false;
    if (Math.sign(ex) * Math.sign(v) < 0) return false;
    return Math.abs(Math.log10(Math.abs(ex) + 1) - Math.log10(Math.abs(v) + 1)) <= 2;
  }
  if (typeof ex !== 'string' || typeof v !== 'string') return false;
  if (ISO_DT.test(ex)) return ISO_DT.test(v);
  if (ISO_D.test(ex)) return ISO_D.test(v);
  const u = URLISH.exec(ex);
  if (u) return v.startsWith(u[1] + '://');
  if (MAILISH.test(ex)) return MAILISH.test(v);
  const prefix = /^([a-z]{2,6})_[A-Za-z0-9]/.exec(ex);
  if (prefix && !v.startsWith(prefix[1] + '_')) return false;
  if (/^\d+$/.test(ex) !== /^\d+$/.test(v)) return false;
  if (skeleton(ex) !== skeleton(v)) return false;
  if (!/\W/.test(ex))
    return caseOf(ex) === caseOf(v) && v.length >= ex.length / 3 && v.length <= ex.length * 3;
  return true;
}

function caseOf(s: string): string {
  if (/^[a-z0-9]+$/.test(s)) return 'lower';
  if (/^[A-Z0-9]+$/.test(s)) return 'upper';
  if (/^[A-Z][a-z0-9]+$/.test(s)) return 'capital';
  return 'mixed';
}

interface Walk {
  c: RealismCase;
  out: RealismCounts;
}

function miss(w: Walk, text: string): void {
  if (w.out.misses.length < 8) w.out.misses.push(text);
}

const validCache = new WeakMap<object, Map<string, boolean>>();
function validExample(w: Walk, s: Schema, ex: JsonValue): boolean {
  if (!isObj(s)) return false;
  let m = validCache.get(s);
  if (!m) validCache.set(s, (m = new Map()));
  const key = JSON.stringify(ex);
  let ok = m.get(key);
  if (ok === undefined) m.set(key, (ok = w.c.isValid(s, ex)));
  return ok;
}

function walk(w: Walk, v: JsonValue, schemas: Schema[], where: string, depth: number): void {
  if (depth > 12) return;
  if (Array.isArray(v)) {
    const items = schemas.flatMap((s) => itemSchemas(s, w.c.defs));
    v.slice(0, 5).forEach((x) => walk(w, x, items, where + '/0', depth + 1));
    return;
  }
  if (isObj(v)) {
    checkSiblings(w, v as Record<string, JsonValue>, where);
    for (const [k, x] of Object.entries(v)) {
      const ps = schemas.flatMap((s) => propertySchemas(s, k, w.c.defs));
      if (x !== null && typeof x !== 'object') leaf(w, x, ps, `${where}/${k}`);
      else walk(w, x as JsonValue, ps, `${where}/${k}`, depth + 1);
    }
  }
}

/** A value under oneOf/anyOf answers to whichever alternative it took: any alternative's example counts. */
function leaf(w: Walk, v: JsonValue, schemas: Schema[], where: string): void {
  // A path value echoed into the body is identity, measured by the echo rate instead.
  if (Object.values(w.c.pathParams).includes(String(v))) return;
  const examples: JsonValue[] = [];
  for (const s of schemas) {
    // An enum is its own vocabulary: any member has the example's shape.
    const o = deref(s, w.c.defs);
    if (o && Array.isArray(o.enum) && o.enum.length > 1 && o.enum.includes(v)) {
      examples.length = 0;
      examples.push(v);
      break;
    }
    const ex = ownExamples(s, w.c.defs).find((e) => validExample(w, s, e));
    if (ex !== undefined) examples.push(ex);
  }
  if (!examples.length) return;
  w.out.exampleProps++;
  if (examples.some((ex) => sameShape(ex, v))) w.out.exampleShaped++;
  else miss(w, `shape ${where}: example ${JSON.stringify(examples[0])} → ${JSON.stringify(v)}`);
}

const low = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

function instant(v: JsonValue): number | undefined {
  if (typeof v === 'number') return v > 1e12 ? v : v > 1e9 ? v * 1000 : undefined;
  if (typeof v !== 'string' || !/\d{4}|\d{2}:\d{2}/.test(v)) return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

const BORN = /^(created|createdat|createdon|createdtime|datecreated|creationtime|createtime|insertedat)$/;
const CHANGED =
  /^(updated|updatedat|updatedon|updatedtime|dateupdated|modified|modifiedat|lastmodified|updatetime)$/;
const ENDED =
  /^(closed|closedat|closedon|mergedat|deletedat|dateclosed|datedeleted|endedat|finishedat|completedat|resolvedat)$/;

function checkSiblings(w: Walk, o: Record<string, JsonValue>, where: string): void {
  const times: [number, number, string][] = [];
  for (const [k, v] of Object.entries(o)) {
    const n = low(k);
    const stage = BORN.test(n) ? 0 : CHANGED.test(n) ? 1 : ENDED.test(n) ? 2 : -1;
    const t = stage < 0 ? undefined : instant(v);
    if (t !== undefined) times.push([stage, t, k]);
  }
  for (const a of times)
    for (const b of times) {
      if (a[0] >= b[0]) continue;
      w.out.timePairs++;
      if (a[1] > b[1]) {
        w.out.timeViolations++;
        miss(w, `time ${where}: ${a[2]} after ${b[2]}`);
      }
    }
  const nums = Object.entries(o).filter(([, v]) => typeof v === 'number') as [string, number][];
  for (const [tk, tv] of nums) {
    const t = low(tk);
    const stem = t.endsWith('total') ? t.slice(0, -5) : t.startsWith('total') ? t.slice(5) : undefined;
    for (const [pk, pv] of nums) {
      const p = low(pk);
      if (pk === tk) continue;
      const part =
        (stem !== undefined &&
          stem.length >= 3 &&
          p.startsWith(stem) &&
          /^(unread|read|used|remaining|open|closed|failed|completed|sent|pending|active)$/.test(
            p.slice(stem.length),
          )) ||
        (t === 'limit' && (p === 'remaining' || p === 'used'));
      if (!part) continue;
      w.out.partPairs++;
      if (pv > tv) {
        w.out.partViolations++;
        miss(w, `part ${where}: ${pk}=${pv} > ${tk}=${tv}`);
      }
    }
  }
}

const STATUSISH = /^(status|code|statuscode|httpstatus|httpcode|httpstatuscode)$/;

function checkStatus(w: Walk, body: JsonValue): void {
  if (w.c.status < 400 || !isObj(body)) return;
  const places = [body, ...Object.values(body).filter(isObj)] as Record<string, JsonValue>[];
  for (const o of places) {
    for (const [k, v] of Object.entries(o)) {
      if (!STATUSISH.test(low(k))) continue;
      const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{3}$/.test(v) ? Number(v) : NaN;
      if (!(n >= 100 && n <= 599)) continue;
      w.out.statusChecks++;
      if (n !== w.c.status) {
        w.out.statusMismatches++;
        miss(w, `status ${w.c.operation.method} ${w.c.operation.path}: ${k}=${v} on ${w.c.status}`);
      }
    }
  }
}

const PAGE_PARAM = /^(limit|perpage|pagesize|maxresults|maxitems|top|count)$/;

function checkPage(w: Walk, body: JsonValue): void {
  const asked = w.c.query
    .filter(([k, v]) => PAGE_PARAM.test(low(k)) && /^\d+$/.test(v))
    .map(([, v]) => Number(v));
  if (!asked.length) return;
  const n = Math.min(...asked);
  const lists: JsonValue[][] = Array.isArray(body)
    ? [body]
    : isObj(body)
      ? (Object.values(body).filter(Array.isArray) as JsonValue[][])
      : [];
  for (const l of lists) {
    w.out.pageChecks++;
    if (l.length > n) {
      w.out.pageViolations++;
      miss(w, `page ${w.c.operation.path}: ${l.length} items for a page of ${n}`);
    }
  }
}

const IDS = /^(id|sid|uuid|guid)$/;
const NAMES = /^(key|name|slug|number|login|username|code|handle)$/;

/** Our own reading of which root property identifies the resource a path parameter names. */
function holds(prop: string, param: string, collection: string | undefined): boolean {
  const p = low(prop);
  const q = low(param);
  if (p === q) return true;
  const one = collection ? low(collection).replace(/ies$/, 'y').replace(/s$/, '') : undefined;
  if (IDS.test(p)) return /(id|sid|uuid|guid)$/.test(q) || /^id/.test(q) || q === one;
  if (NAMES.test(p)) return q.endsWith(p) || (q === one && !/^(id|sid|uuid|guid)$/.test(q));
  return false;
}

function checkEcho(w: Walk, body: JsonValue): void {
  const op = w.c.operation;
  const segs = op.path.split('/').filter(Boolean);
  const last = /\{([^}]+)\}/.exec(segs[segs.length - 1] ?? '');
  if (!last || op.method.toUpperCase() !== 'GET' || w.c.status >= 300 || !isObj(body)) return;
  const param = last[1];
  const value = w.c.pathParams[param];
  if (value === undefined) return;
  // Only count reads whose root schema has a property able to hold the value.
  const holders = new Set<string>();
  const collection = segs
    .slice(0, -1)
    .reverse()
    .find((s) => !s.includes('{'));
  for (const k of rootPropertyNames(w.c.schema, w.c.defs)) {
    if (!holds(k, param, collection)) continue;
    const cand = /^-?\d+$/.test(value) ? [value, Number(value)] : [value];
    for (const s of propertySchemas(w.c.schema, k, w.c.defs))
      if (cand.some((c) => w.c.isValid(s, c))) holders.add(k);
  }
  if (!holders.size) return;
  w.out.itemReads++;
  const o = body as Record<string, JsonValue>;
  const hit = Object.values(o).some(
    (v) =>
      String(v) === value ||
      (typeof v === 'string' && /^https?:\/\/|^\//.test(v) && v.endsWith('/' + encodeURIComponent(value))),
  );
  if (hit) w.out.itemEchoed++;
  else miss(w, `echo ${op.method} ${op.path} (${param}=${value}): none of ${[...holders].join(', ')}`);
}

function rootPropertyNames(s: Schema, defs: Record<string, Schema>, depth = 0): string[] {
  const o = deref(s, defs);
  if (!o || depth > 8) return [];
  const out = isObj(o.properties) ? Object.keys(o.properties) : [];
  for (const k of ['allOf', 'oneOf', 'anyOf'] as const) {
    const list = o[k];
    if (Array.isArray(list)) for (const b of list) out.push(...rootPropertyNames(b, defs, depth + 1));
  }
  return out;
}

export function measureRealism(c: RealismCase): RealismCounts {
  const w: Walk = { c, out: emptyCounts() };
  walk(w, c.body, [c.schema], '', 0);
  checkEcho(w, c.body);
  checkStatus(w, c.body);
  checkPage(w, c.body);
  return w.out;
}
