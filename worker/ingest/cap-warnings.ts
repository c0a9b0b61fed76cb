import type { PlanWarning } from '../mock/plan';

/** What the publish answer and the stored version carry at most (the registry keeps 200). */
const MAX_WARNINGS = 200;
const MAX_SUMMARIES = 40;

/**
 * Warnings are never cut silently: past the cap, the rest are counted by kind (the message with its
 * quoted names and numbers taken out), one summary line per kind, each naming its first pointer.
 */
export function capWarnings(all: PlanWarning[]): PlanWarning[] {
  if (all.length <= MAX_WARNINGS) return all;
  const kept = all.slice(0, MAX_WARNINGS - MAX_SUMMARIES);
  const rest = new Map<string, { count: number; first: PlanWarning }>();
  for (const w of all.slice(kept.length)) {
    const kind = kindOf(w.message);
    const entry = rest.get(kind);
    if (entry) entry.count++;
    else rest.set(kind, { count: 1, first: w });
  }
  const kinds = [...rest.entries()].sort((a, b) => b[1].count - a[1].count);
  const shown = kinds.slice(0, MAX_SUMMARIES - 1);
  const summaries = shown.map(([kind, { count, first }]) => ({
    pointer: first.pointer,
    message: `${count} more warning(s) like: ${kind} (the first of them at this pointer)`,
  }));
  const hidden = kinds.slice(shown.length);
  if (hidden.length > 0)
    summaries.push({
      pointer: '',
      message: `${hidden.reduce((n, [, e]) => n + e.count, 0)} more warning(s) of ${hidden.length} other kind(s)`,
    });
  return [...kept, ...summaries];
}

function kindOf(message: string): string {
  return message
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\d+(\.\d+)?/g, 'N')
    .slice(0, 160);
}
