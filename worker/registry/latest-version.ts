import compare from 'semver/functions/compare';
import prerelease from 'semver/functions/prerelease';
import valid from 'semver/functions/valid';

export type LatestRule = 'semver' | 'last-published';

/**
 * What `latest` means for a list of versions in publish order: when every name is a semantic
 * version (a leading `v` allowed), the highest by SemVer 2.0 precedence, releases before
 * pre-releases (a pre-release wins only when there is no release at all); otherwise the last
 * published. So a backport 0.9.0 published after 1.1.0 does not move `/latest` clients.
 */
export function latestOf(order: readonly string[]): { latest: string | null; rule: LatestRule } {
  if (order.length === 0) return { latest: null, rule: 'last-published' };
  if (!order.every((v) => valid(v) !== null)) return { latest: order.at(-1)!, rule: 'last-published' };
  const releases = order.filter((v) => prerelease(v) === null);
  const pool = releases.length > 0 ? releases : order;
  // Equal precedence (1.0.0 and v1.0.0): the later publish wins, as without semver.
  const latest = pool.reduce((best, v) => (compare(v, best) >= 0 ? v : best));
  return { latest, rule: 'semver' };
}

/**
 * What `latest` named just before `version` was published: the default `from` of a diff. Undefined
 * for the first version (or a version no longer listed).
 */
export function latestBefore(order: readonly string[], version: string): string | undefined {
  const at = order.indexOf(version);
  return at <= 0 ? undefined : (latestOf(order.slice(0, at)).latest ?? undefined);
}
