/**
 * Media types as real servers compare them: by essence (`type/subtype`, parameters other than `q`
 * ignored), with a structured-syntax suffix (`+json`, `+xml`, RFC 6839) making a vendor type one of
 * its family: a client asking `application/vnd.github.v3+json` is served the operation's
 * `application/json` content, and one asking `application/json` the `application/hal+json` content.
 */

/** One range of an Accept header. */
interface AcceptRange {
  type: string;
  subtype: string;
  q: number;
}

/** How closely a range names a media type; the most specific range decides its q (RFC 9110 §12.5.1). */
const EXACT = 4;
const FAMILY = 3;
const TYPE_WILDCARD = 2;
const ANY = 1;

function essence(mediaType: string): [string, string] {
  const semi = mediaType.indexOf(';');
  const bare = (semi === -1 ? mediaType : mediaType.slice(0, semi)).trim().toLowerCase();
  const slash = bare.indexOf('/');
  return slash === -1 ? [bare, ''] : [bare.slice(0, slash), bare.slice(slash + 1).trim()];
}

/**
 * `json` for application/json, text/json and any `application/…+json`; `xml` likewise. Other
 * top-level types (`image/svg+xml`) keep to themselves: a client asking XML documents wants no SVG.
 * AWS's JSON protocol sends its bodies as `application/x-amz-json-1.0` (or `1.1`), JSON without
 * the suffix, where its descriptions declare `application/json`.
 */
const AMZ_JSON = /^x-amz-json-\d+\.\d+$/;

function familyOf(type: string, subtype: string): string | undefined {
  if (type !== 'application' && type !== 'text') return undefined;
  if (type === 'application' && AMZ_JSON.test(subtype)) return 'json';
  const plus = subtype.lastIndexOf('+');
  const base = plus === -1 ? subtype : subtype.slice(plus + 1);
  if (base === 'json' || base === 'xml') return plus === -1 || type === 'application' ? base : undefined;
  return undefined;
}

/** Splits at commas outside quoted strings (`application/x; profile="a,b"`). */
function splitList(header: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < header.length; i++) {
    const c = header[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\\' && quoted) i++;
    else if (c === ',' && !quoted) {
      parts.push(header.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(header.slice(start));
  return parts;
}

function qOf(params: string[]): number {
  for (const p of params) {
    const eq = p.indexOf('=');
    if (eq === -1 || p.slice(0, eq).trim().toLowerCase() !== 'q') continue;
    const q = Number(p.slice(eq + 1).trim());
    return Number.isFinite(q) ? Math.min(1, Math.max(0, q)) : 0;
  }
  return 1;
}

/** SDKs send the same few Accept headers on every call: parsed once each. */
const parsed = new Map<string, AcceptRange[]>();

function parseAccept(header: string | undefined): AcceptRange[] {
  if (!header || header.trim() === '') return [];
  const known = parsed.get(header);
  if (known) return known;
  const ranges = splitList(header).flatMap((part) => {
    const [range, ...params] = part.split(';');
    const [type, subtype] = essence(range);
    return type && subtype ? [{ type, subtype, q: qOf(params) }] : [];
  });
  if (parsed.size >= 256) parsed.clear();
  parsed.set(header, ranges);
  return ranges;
}

/** How specifically `range` names the spec's media type `type/subtype` (itself maybe a wildcard); 0: not at all. */
function levelOf(range: AcceptRange, type: string, subtype: string): number {
  if (range.type === '*') return ANY;
  if (range.subtype === '*') return range.type === type || type === '*' ? TYPE_WILDCARD : 0;
  if (range.type === type && range.subtype === subtype) return EXACT;
  // A spec wildcard (`*/*`, `text/*`) covers a concrete range: as good as a family match.
  if (type === '*' || (subtype === '*' && range.type === type)) return FAMILY;
  const family = familyOf(type, subtype);
  return family !== undefined && family === familyOf(range.type, range.subtype) ? FAMILY : 0;
}

function qualityOf(mediaType: string, ranges: AcceptRange[]): { q: number; level: number } {
  const [type, subtype] = essence(mediaType);
  let q = 0;
  let level = 0;
  for (const r of ranges) {
    const l = levelOf(r, type, subtype);
    if (l > level) {
      level = l;
      q = r.q;
    }
  }
  return { q, level };
}

export function isJsonMediaType(mediaType: string): boolean {
  const [type, subtype] = essence(mediaType);
  return (type === 'application' || type === '*') && subtype === '*'
    ? true
    : familyOf(type, subtype) === 'json';
}

/**
 * Picks the response media type the client accepts best: the highest q, then the most specific
 * match (exact, then a family or spec-wildcard match, then `type/*`, then `*\/*`). Without an Accept
 * header, or where they tie, the spec's own order decides (as in Prism): the author listed the
 * primary representation first. `undefined` means nothing is acceptable: 406.
 */
export function negotiate(available: string[], acceptHeader: string | undefined): string | undefined {
  if (available.length === 0) return undefined;
  const ranges = parseAccept(acceptHeader);
  if (ranges.length === 0) return available[0];
  let best: string | undefined;
  let bestQ = 0;
  let bestLevel = 0;
  for (const type of available) {
    const { q, level } = qualityOf(type, ranges);
    if (q <= 0) continue;
    if (!best || q > bestQ || (q === bestQ && level > bestLevel)) {
      best = type;
      bestQ = q;
      bestLevel = level;
    }
  }
  return best;
}

/**
 * The spec's media type a request body of `contentType` is read as: the same essence, else its
 * family's plain type (`application/vnd.x+json` → `application/json`), else `type/*`, else `*\/*`,
 * else a vendor type of its family. A plain JSON body is no vendor representation: apicurio's
 * registry takes an artifact as `*\/*` (any content) or as `application/get.extended+json` (a
 * wrapper object), and a client posting `application/json` sends the artifact itself.
 */
export function matchContentType(available: readonly string[], contentType: string): string | undefined {
  const [type, subtype] = essence(contentType);
  const family = familyOf(type, subtype);
  let byBase: string | undefined;
  let byVendor: string | undefined;
  let byType: string | undefined;
  let byAny: string | undefined;
  for (const a of available) {
    const [t, s] = essence(a);
    if (t === type && s === subtype) return a;
    if (family !== undefined && familyOf(t, s) === family) {
      if (s === family) byBase ??= a;
      else byVendor ??= a;
    } else if (t === type && s === '*') byType ??= a;
    else if (t === '*') byAny ??= a;
  }
  return byBase ?? byType ?? byAny ?? byVendor;
}

/** A spec may declare `text/*` or `*\/*`; the response still needs one concrete Content-Type. */
export function concreteType(chosen: string, accept: string | undefined): string {
  if (!chosen.includes('*')) return chosen;
  const [type] = essence(chosen);
  const wanted = parseAccept(accept).find(
    (r) => r.type !== '*' && r.subtype !== '*' && r.q > 0 && (type === '*' || r.type === type),
  );
  if (wanted) return `${wanted.type}/${wanted.subtype}`;
  return chosen.startsWith('text/') ? 'text/plain' : 'application/json';
}

/** A JSON Patch body (RFC 6902): a list of operations, whatever the operation's schema says. */
export function isJsonPatch(contentType: string): boolean {
  return contentType.split(';')[0].trim().toLowerCase() === 'application/json-patch+json';
}
