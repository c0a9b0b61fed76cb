import type { Plan } from '../mock/plan';

export const REDACTED = '[redacted]';

/** Where a spec's credentials travel, lower-cased; derived once per plan (never on the mock path's hot loop). */
export interface CredentialNames {
  headers: Set<string>;
  query: Set<string>;
  cookies: Set<string>;
}

/** Always secret, whatever the spec says: HTTP auth, cookies, and specmock's own mock token. */
const ALWAYS_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-specmock-token'];
/** `access_token` is RFC 6750's query form of a bearer token. */
const ALWAYS_QUERY = ['__token', 'access_token'];

const memo = new WeakMap<Plan, CredentialNames>();
const WITHOUT_PLAN = namesOf(undefined);

/**
 * The names every security scheme of the plan puts a credential under. Ingest has already reduced
 * the spec's schemes to `{type, in, name}` in the plan, so this is a walk over a handful of entries,
 * memoized per plan object (one per isolate and version). A call refused before its plan was known
 * gets the always-secret names, one object for all such calls (the log shares what it redacted
 * with the same names: shared-headers.ts).
 */
export function credentialNames(plan: Plan | undefined): CredentialNames {
  if (!plan) return WITHOUT_PLAN;
  let names = memo.get(plan);
  if (!names) memo.set(plan, (names = namesOf(plan)));
  return names;
}

function namesOf(plan: Plan | undefined): CredentialNames {
  const names: CredentialNames = {
    headers: new Set(ALWAYS_HEADERS),
    query: new Set(ALWAYS_QUERY),
    cookies: new Set(),
  };
  for (const scheme of Object.values(plan?.securitySchemes ?? {})) {
    if (scheme.type !== 'apiKey' || !scheme.name) continue;
    const name = scheme.name.toLowerCase();
    if (scheme.in === 'header') names.headers.add(name);
    else if (scheme.in === 'query') names.query.add(name);
    else if (scheme.in === 'cookie') names.cookies.add(name);
  }
  return names;
}

/** Headers with every credential replaced; cookies keep their names so the log still says which were sent. */
export function redactHeaders(
  headers: Iterable<[string, string]>,
  names: CredentialNames,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rawName, value] of headers) redactInto(out, rawName, value, names);
  return out;
}

/**
 * `redactHeaders` of a plain record (what a mock call's note holds), without an entries array;
 * names in `skip` (lower case, as a note's are) are left out.
 */
export function redactHeaderRecord(
  headers: Record<string, string>,
  names: CredentialNames,
  skip?: ReadonlySet<string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rawName in headers) if (!skip?.has(rawName)) redactInto(out, rawName, headers[rawName], names);
  return out;
}

function redactInto(
  out: Record<string, string>,
  rawName: string,
  value: string,
  names: CredentialNames,
): void {
  const name = rawName.toLowerCase();
  if (name === 'cookie') out[name] = redactCookies(value);
  else out[name] = names.headers.has(name) ? REDACTED : value;
}

/** Every cookie value is redacted, not only the named ones: the Cookie header is a credential as a whole. */
function redactCookies(header: string): string {
  return header
    .split(';')
    .map((part) => {
      const eq = part.indexOf('=');
      return eq < 0 ? REDACTED : `${part.slice(0, eq).trim()}=${REDACTED}`;
    })
    .join('; ');
}

/** The query string as received, with credential parameters' values replaced (names matched case-insensitively). */
export function redactQuery(query: [string, string][], names: CredentialNames): string {
  if (query.length === 0) return '';
  const params = new URLSearchParams();
  for (const [name, value] of query)
    params.append(name, names.query.has(name.toLowerCase()) ? REDACTED : value);
  return params.toString();
}
