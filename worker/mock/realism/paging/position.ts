import type { JsonValue, ParameterPlan } from '../../plan';
import { paramKind, type ParamKind } from './names';
import { pageOfToken, tokenFor } from './tokens';

/**
 * Which page of a list a call asks for, and how to ask for another one. Lists end: page
 * `LAST_PAGE` is the last (no next link, `has_more: false`), and a page past it is empty. A
 * cursor the mock did not hand out (an item id in `starting_after`, a foreign token) names the
 * last page, so every conversation ends within `LAST_PAGE` calls. Deterministic: the same query
 * is the same page.
 */

export const LAST_PAGE = 3;
/** The page size assumed for an `offset` when the call names none. */
const DEFAULT_SIZE = 5;

export interface PageInput {
  /** The absolute URL the spec's paths are relative to (mock, sandbox or mock host). */
  baseUrl?: string;
  /** The request path below `baseUrl`, percent-encoded as received. */
  requestPath?: string;
  query: [string, string][];
  /** The operation's parameters: which query parameter carries the page. */
  parameters?: readonly ParameterPlan[];
  /** The decoded request body: a `cursor` sent in a POST body counts too. */
  sent?: JsonValue;
  pageSize?: number;
  /** How many pages the list has, where a state knows (a sandbox); else `LAST_PAGE`. */
  pages?: number;
}

export interface Paging {
  /** 1-based. */
  page: number;
  last: boolean;
  pastEnd: boolean;
  /** Items per page: the size the call asked for, else the mock's own. */
  size: number;
  /** The page number as the page parameter writes it (0-based where its schema starts at 0). */
  number(page: number): number;
  /** The URL path (below the base) and query of another page. */
  pathFor(page: number): string;
  /** The absolute URL of another page; undefined without a base URL. */
  urlFor(page: number): string | undefined;
  token(page: number): string;
}

interface Carrier {
  name: string;
  kind: ParamKind;
  base: number;
}

function baseOf(p: ParameterPlan | undefined): number {
  const s = p?.schema;
  if (typeof s !== 'object' || s === null) return 1;
  return s.minimum === 0 || s.default === 0 ? 0 : 1;
}

const PREFERENCE: ParamKind[] = ['page', 'cursor', 'offset'];

/** The query parameter that carries the page: the one the call used, else the operation's own. */
function carrierOf(input: PageInput, used: Carrier | undefined): Carrier {
  if (used) return used;
  const declared = (input.parameters ?? []).filter((p) => p.in === 'query' && paramKind(p.name));
  for (const kind of PREFERENCE) {
    const p = declared.find((d) => paramKind(d.name) === kind);
    if (p) return { name: p.name, kind, base: baseOf(p) };
  }
  return { name: 'page', kind: 'page', base: 1 };
}

/** The page one parameter value names, or undefined when it names none. */
function pageOf(kind: ParamKind, value: string, base: number, size: number): number | undefined {
  if (value === '') return undefined;
  if (kind === 'page') return /^\d{1,6}$/.test(value) ? Math.max(1, Number(value) - base + 1) : undefined;
  if (kind === 'offset' && /^\d{1,9}$/.test(value)) return Math.floor(Number(value) / size) + 1;
  return pageOfToken(value) ?? LAST_PAGE;
}

function sentPairs(sent: JsonValue | undefined): [string, string][] {
  if (typeof sent !== 'object' || sent === null || Array.isArray(sent)) return [];
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(sent))
    if (typeof v === 'string' || typeof v === 'number') out.push([k, String(v)]);
  return out;
}

/** A query name or value in a link: brackets (`page[number]`) and OData's `$` as written. */
const enc = (s: string) =>
  encodeURIComponent(s).replace(/%5B/g, '[').replace(/%5D/g, ']').replace(/%24/g, '$');

export function pagingOf(input: PageInput): Paging {
  const size = input.pageSize ?? DEFAULT_SIZE;
  const declared = new Map((input.parameters ?? []).map((p) => [p.name, p]));
  let page = 1;
  let used: Carrier | undefined;
  for (const [k, v] of [...input.query, ...sentPairs(input.sent)]) {
    const kind = paramKind(k);
    if (kind === undefined) continue;
    const base = baseOf(declared.get(k));
    const n = pageOf(kind, v, base, size);
    if (n === undefined) continue;
    if (n >= page) page = n;
    if (input.query.some(([q]) => q === k)) used ??= { name: k, kind, base };
  }
  const carrier = carrierOf(input, used);
  const number = (n: number) => n - 1 + carrier.base;
  const valueFor = (n: number) =>
    carrier.kind === 'page'
      ? String(number(n))
      : carrier.kind === 'offset'
        ? String((n - 1) * size)
        : tokenFor(n);
  const pathFor = (n: number) => {
    const query = input.query.filter(([k]) => k !== carrier.name);
    // The first page is the list's own URL: no page parameter at all.
    if (n > 1 || carrier.kind === 'page') query.push([carrier.name, valueFor(n)]);
    const qs = query.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
    return (input.requestPath ?? '/') + (qs ? `?${qs}` : '');
  };
  const pages = input.pages ?? LAST_PAGE;
  return {
    page,
    last: page >= pages,
    pastEnd: page > pages,
    size,
    number,
    pathFor,
    urlFor: (n) => (input.baseUrl ? input.baseUrl.replace(/\/+$/, '') + pathFor(n) : undefined),
    token: tokenFor,
  };
}
