import { isJsonMediaType } from './negotiate';

/** Longer bodies carry more than a call's options: judged as sent. */
const MAX_ECHO_CHARS = 4096;

/**
 * Whether a body sent to an operation that takes none says nothing the query does not: a JSON
 * object whose every member the query repeats with the same value. docker-modem (under
 * dockerode) sends a POST's options both ways, `POST /containers/{id}/stop?t=1` with `{"t":1}`;
 * such a body is ignored where any other one is refused 415.
 */
export function repeatsQuery(
  body: { text: string; contentType: string },
  query: readonly [string, string][],
): boolean {
  if (body.text.length > MAX_ECHO_CHARS || !isJsonMediaType(body.contentType || 'text/plain')) return false;
  let value: unknown;
  try {
    value = JSON.parse(body.text);
  } catch {
    return false;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  // `{}` repeats nothing: a body was sent where none is taken (what a replay of logged calls
  // against a version that dropped the body must count as refused).
  const members = Object.entries(value);
  return (
    members.length > 0 &&
    members.every(
      ([name, member]) =>
        (typeof member === 'string' || typeof member === 'number' || typeof member === 'boolean') &&
        query.some(([k, v]) => k === name && v === String(member)),
    )
  );
}
