/** Prism-compatible response preferences, from `Prefer` or the `__code`-style query fallbacks. */
export interface Preferences {
  code?: string;
  example?: string;
  dynamic?: boolean;
  seed?: string;
}

const KEYS = ['code', 'example', 'dynamic', 'seed'] as const;

/**
 * `Prefer: code=404, example=cat, dynamic=true, seed=abc` (RFC 7240 syntax, values may be quoted).
 * Query parameters `__code`, `__example`, `__dynamic`, `__seed` win over the header, because a URL
 * is the one thing a browser `<img src>` or a pasted link can carry.
 */
export function readPreferences(preferHeader: string | undefined, query: [string, string][]): Preferences {
  const raw: Record<string, string> = {};
  if (preferHeader) {
    for (const part of preferHeader.split(/[,;]/)) {
      const m = /^\s*([A-Za-z_-]+)\s*=\s*("([^"]*)"|[^\s,;]*)\s*$/.exec(part);
      if (m) raw[m[1].toLowerCase()] = m[3] ?? m[2];
    }
  }
  for (const [name, value] of query) {
    if (name.startsWith('__') && (KEYS as readonly string[]).includes(name.slice(2)))
      raw[name.slice(2)] = value;
  }
  const prefs: Preferences = {};
  if (raw.code) prefs.code = raw.code;
  if (raw.example) prefs.example = raw.example;
  if (raw.dynamic !== undefined) prefs.dynamic = raw.dynamic === 'true' || raw.dynamic === '1';
  if (raw.seed) prefs.seed = raw.seed;
  return prefs;
}

/** The query without the preference parameters, so they never reach request validation. */
export function withoutPreferenceParams(query: [string, string][]): [string, string][] {
  return query.filter(
    ([name]) => !(name.startsWith('__') && (KEYS as readonly string[]).includes(name.slice(2))),
  );
}
