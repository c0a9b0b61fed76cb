/**
 * Headers that many logged calls send alike, carried once per batch. A busy mock's calls repeat
 * one client's request headers and one kept answer's response headers, and those were most of
 * each record's JSON: stringified, copied across the RPC and stored once per call (bench: the
 * record's bytes cost more than building it). A call's headers are then `base`, one object for
 * every call that sent them, plus the few that are its own (`own`: a call's RateLimit headers).
 */
export class SharedHeaders {
  constructor(
    readonly base: Readonly<Record<string, string>>,
    readonly own?: Readonly<Record<string, string>>,
  ) {}
}

/**
 * A headers member as a stored record holds it: the headers themselves, or the index of shared
 * ones in its batch's table with the call's own on top.
 */
export type StoredHeaders = Record<string, string> | [number] | [number, Readonly<Record<string, string>>];

/** A batch's distinct shared headers, each once, by the identity of its `base`. */
export class HeaderTable {
  private readonly index = new Map<object, number>();
  /** The characters of `json`, all entries together. */
  chars = 0;

  /** `json` receives each distinct base's JSON text, in the order first met. */
  constructor(readonly json: string[] = []) {}

  /** What a record stores for these headers (plain ones stay as they are). */
  store(headers: Record<string, string> | SharedHeaders): StoredHeaders {
    if (!(headers instanceof SharedHeaders)) return headers;
    let i = this.index.get(headers.base);
    if (i === undefined) {
      const json = JSON.stringify(headers.base);
      i = this.json.push(json) - 1;
      this.chars += json.length;
      this.index.set(headers.base, i);
    }
    return headers.own ? [i, headers.own] : [i];
  }
}

/** The headers a stored record names, as they were sent: the shared ones, then the call's own. */
export function resolveHeaders(
  stored: StoredHeaders,
  table: readonly Record<string, string>[] | undefined,
): Record<string, string> {
  if (!Array.isArray(stored)) return stored;
  const base = table?.[stored[0]] ?? {};
  return stored.length === 2 ? { ...base, ...stored[1] } : { ...base };
}

/**
 * The same headers object for equal headers, from a few recent distinct ones: a client sends the
 * same headers call after call, an answer built per call (a sandbox's) repeats its own, and a
 * shared object is what a batch carries once. Comparing a handful of strings costs less than
 * redacting and stringifying them again. Names in `own` are a call's own (its RateLimit values):
 * they take no part in the comparison, and `redact` leaves them out of the shared base.
 */
export class RecentHeaders {
  private readonly recent: { raw: Readonly<Record<string, string>>; shared: SharedHeaders; tag: object }[] =
    [];

  constructor(
    private readonly size = 8,
    private readonly own?: ReadonlySet<string>,
  ) {}

  /** `tag` scopes the match (the credential names the headers were redacted with). */
  shared(
    raw: Readonly<Record<string, string>>,
    tag: object,
    redact: () => Record<string, string>,
  ): SharedHeaders {
    for (const entry of this.recent)
      if (entry.tag === tag && sameRecord(entry.raw, raw, this.own)) return entry.shared;
    const shared = new SharedHeaders(redact());
    if (this.recent.length >= this.size) this.recent.pop();
    this.recent.unshift({ raw, shared, tag });
    return shared;
  }
}

function sameRecord(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
  except: ReadonlySet<string> | undefined,
): boolean {
  let count = 0;
  for (const name in b) {
    if (except?.has(name)) continue;
    if (a[name] !== b[name]) return false;
    count++;
  }
  for (const name in a) if (!except?.has(name)) count--;
  return count === 0;
}
