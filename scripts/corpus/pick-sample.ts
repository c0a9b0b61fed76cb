import type { CorpusEntry } from './fetch-corpus';

/** A reproducible subset: the same seed and size always pick the same descriptions. */
export function pickSample(entries: CorpusEntry[], size: number | undefined, seed: string): CorpusEntry[] {
  if (size === undefined || size >= entries.length) return entries;
  const random = mulberry32(hash(seed));
  const shuffled = [...entries];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  return shuffled.slice(0, size).sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Up to `n` items spread evenly over the list, so a long API is sampled end to end. */
export function spread<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  const step = items.length / n;
  return Array.from({ length: n }, (_, i) => items[Math.floor(i * step)]);
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

function mulberry32(a: number): () => number {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
