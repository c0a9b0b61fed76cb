/** Media types of two versions, paired by essence (a request's Content-Type is matched by the engine's `matchContentType`). */

export function essence(type: string): string {
  return type.split(';')[0].trim().toLowerCase();
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
