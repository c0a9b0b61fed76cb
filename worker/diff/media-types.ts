/**
 * Media types as a request's Content-Type is matched against an operation's (as the request
 * validator does): by essence, then `type/*`, then `*\/*`, and `+json` types by `application/json`.
 */

export function essence(type: string): string {
  return type.split(';')[0].trim().toLowerCase();
}

/** The key of `available` a body of `contentType` is read with, if any. */
export function acceptingType(available: readonly string[], contentType: string): string | undefined {
  const wanted = essence(contentType);
  const [type, subtype] = wanted.split('/');
  return (
    available.find((a) => essence(a) === wanted) ??
    available.find((a) => essence(a) === `${type}/*`) ??
    available.find((a) => essence(a) === '*/*') ??
    (subtype?.endsWith('+json') ? available.find((a) => essence(a) === 'application/json') : undefined)
  );
}

/** Pairs two content maps' keys by essence. */
export function pairTypes(
  before: readonly string[],
  after: readonly string[],
): { both: [string, string][]; removed: string[]; added: string[] } {
  const byEssence = new Map(after.map((t) => [essence(t), t]));
  const both: [string, string][] = [];
  const removed: string[] = [];
  for (const t of before) {
    const match = byEssence.get(essence(t));
    if (match === undefined) removed.push(t);
    else {
      both.push([t, match]);
      byEssence.delete(essence(t));
    }
  }
  return { both, removed, added: [...byEssence.values()] };
}
