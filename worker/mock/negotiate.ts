/** One entry of an Accept header. */
interface AcceptRange {
  type: string;
  subtype: string;
  q: number;
  /** 3 = exact type/subtype (with a suffix match counted as exact), 2 = type/*, 1 = * / *. */
  specificity: number;
}

function parseAccept(header: string | undefined): AcceptRange[] {
  if (!header || header.trim() === '') return [];
  return header.split(',').flatMap((part) => {
    const [range, ...params] = part.trim().split(';');
    const [type, subtype] = range.trim().toLowerCase().split('/');
    if (!type || !subtype) return [];
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p);
      if (m) q = Math.min(1, Math.max(0, Number(m[1]) || 0));
    }
    const specificity = type === '*' ? 1 : subtype === '*' ? 2 : 3;
    return [{ type, subtype, q, specificity }];
  });
}

function essence(mediaType: string): [string, string] {
  const [type = '', subtype = ''] = mediaType.split(';')[0].trim().toLowerCase().split('/');
  return [type, subtype];
}

/** The q-value Accept gives a media type: the most specific matching range decides (RFC 9110 §12.5.1). */
function qualityOf(mediaType: string, ranges: AcceptRange[]): number {
  const [type, subtype] = essence(mediaType);
  let best: AcceptRange | undefined;
  for (const r of ranges) {
    const typeOk = r.type === '*' || r.type === type || type === '*';
    const subOk = r.subtype === '*' || r.subtype === subtype || subtype === '*';
    if (typeOk && subOk && (!best || r.specificity > best.specificity)) best = r;
  }
  return best ? best.q : 0;
}

export function isJsonMediaType(mediaType: string): boolean {
  const [type, subtype] = essence(mediaType);
  return (
    (type === 'application' || type === '*') &&
    (subtype === 'json' || subtype.endsWith('+json') || subtype === '*')
  );
}

/**
 * Picks the response media type the client accepts best. Without an Accept header, or where
 * wildcards tie, the spec's own order decides (as in Prism): the author listed the primary
 * representation first. `undefined` means nothing is acceptable: 406.
 */
export function negotiate(available: string[], acceptHeader: string | undefined): string | undefined {
  if (available.length === 0) return undefined;
  const ranges = parseAccept(acceptHeader);
  if (ranges.length === 0) return available[0];
  let best: string | undefined;
  let bestQ = 0;
  let bestSpecific = 0;
  for (const type of available) {
    const q = qualityOf(type, ranges);
    if (q <= 0) continue;
    const specific = ranges.some((r) => r.specificity === 3 && qualityOf(type, [r]) > 0) ? 1 : 0;
    const better = q > bestQ || (q === bestQ && specific > bestSpecific);
    if (!best || better) {
      best = type;
      bestQ = q;
      bestSpecific = specific;
    }
  }
  return best;
}

/** A spec may declare `text/*` or `*\/*`; the response still needs one concrete Content-Type. */
export function concreteType(chosen: string, accept: string | undefined): string {
  if (!chosen.includes('*')) return chosen;
  const wanted = (accept ?? '')
    .split(',')
    .map((p) => p.split(';')[0].trim())
    .find((t) => t && !t.includes('*'));
  if (wanted) return wanted;
  return chosen.startsWith('text/') ? 'text/plain' : 'application/json';
}
