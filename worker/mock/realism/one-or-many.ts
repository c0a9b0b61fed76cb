import { singularNoun } from './nouns';
import { fold } from './reflect';
import type { RealismState } from './request';

/**
 * Which of several candidates for a body (oneOf branches, named examples) a call sees first when
 * one holds the path's item and another its list: DigitalOcean's POST /v2/droplets answers
 * `{droplet: …}` or `{droplets: […]}` and lists "Multiple Droplet Create Response" first. A call
 * about one item sees the singular candidate first; a list call, or a create that sent the plural
 * (or `names`), the plural one. Only the order changes: every candidate stays available.
 */
export function oneOrMany<T>(
  candidates: T[],
  keysOf: (candidate: T) => string[],
  state: Pick<RealismState, 'noun' | 'paging' | 'sent'>,
): T[] {
  const noun = state.noun;
  if (noun === undefined || candidates.length < 2) return candidates;
  const one = fold(singularNoun(noun));
  const many = fold(noun);
  if (one === many) return candidates;
  const says = (c: T, word: string) => keysOf(c).some((k) => fold(k) === word);
  const single = candidates.filter((c) => says(c, one) && !says(c, many));
  if (single.length === 0 || single.length === candidates.length) return candidates;
  const sent = state.sent;
  const sentMany =
    sent !== undefined && Object.keys(sent).some((k) => fold(k) === many || fold(k) === 'names');
  const rest = candidates.filter((c) => !single.includes(c));
  return state.paging !== undefined || sentMany ? [...rest, ...single] : [...single, ...rest];
}
