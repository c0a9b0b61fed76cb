import { fold } from './reflect';
import type { RealismState } from './request';

/**
 * A collection's noun in the singular, lower case, separators kept: `fine-tunes` → `fine-tune`,
 * `batches` → `batch`, `policies` → `policy`, `people` → `person`.
 */
export function singularNoun(word: string): string {
  const w = word.toLowerCase();
  if (w === 'people') return 'person';
  if (w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (/(ches|shes|sses|xes)$/.test(w)) return w.slice(0, -2);
  return w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
}

/**
 * A root member named `data`, or after the resource the path names: `customer` of /customers, and
 * a kind of it, `ssh_key` of /account/keys (DigitalOcean).
 */
export function wrapsResource(name: string, state: Pick<RealismState, 'collection' | 'noun'>): boolean {
  if (name === 'data') return true;
  const noun = state.collection ?? state.noun;
  if (noun === undefined) return false;
  const item = fold(singularNoun(noun));
  const member = fold(name);
  return member === item || (item.length >= 3 && member.endsWith(item));
}
