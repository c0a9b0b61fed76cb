import { parseCookies } from '../../mock/check-security';
import { withoutPreferenceParams } from '../../mock/prefer';
import type { RequestBody } from '../../mock/validate-request';
import type { LoggedCall } from '../../request-log/record';
import { REDACTED } from '../../request-log/redact';
import { essence } from '../media-types';

/**
 * A logged call, back in the shape the mock's checks read: the query pairs (without the `__code`
 * style preferences, as the mock validates them), lower-cased headers, cookies and the body. The log
 * is redacted: a credential reads `[redacted]`, which replay treats as present and never as a value.
 */
export interface ReplayRequest {
  method: string;
  path: string;
  /** As received (security reads it), and without preference parameters (validation reads that). */
  rawQuery: [string, string][];
  query: [string, string][];
  headers: Record<string, string>;
  cookies: Record<string, string>;
  body?: RequestBody;
  /** The logged body was cut at the log's cap: nothing can be said about its content. */
  truncated: boolean;
  /** Header, query and cookie names whose logged value is redacted. */
  redacted: Set<string>;
}

export function replayRequest(call: LoggedCall): ReplayRequest {
  const rawQuery = [...new URLSearchParams(call.query)] as [string, string][];
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(call.request.headers)) headers[name.toLowerCase()] = value;
  const cookies = parseCookies(headers.cookie);
  const redacted = new Set<string>();
  for (const [name, value] of [...Object.entries(headers), ...rawQuery, ...Object.entries(cookies)])
    if (value === REDACTED) redacted.add(name.toLowerCase());
  const text = call.request.body;
  const header = headers['content-type'] ?? '';
  const contentType = essence(header);
  let body: RequestBody | undefined;
  if (text !== null && text !== '' && call.method !== 'GET' && call.method !== 'HEAD') {
    body = { contentType, text };
    if (contentType === 'multipart/form-data') body.form = multipartFields(text, header);
  }
  return {
    method: call.method,
    path: call.path,
    rawQuery,
    query: withoutPreferenceParams(rawQuery),
    headers,
    cookies,
    ...(body ? { body } : {}),
    truncated: call.request.truncated === true,
    redacted,
  };
}

/** The text fields of a multipart body (files read as their text), enough for validation. */
function multipartFields(text: string, contentType: string): [string, string][] {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return [];
  const fields: [string, string][] = [];
  for (const part of text.split(`--${boundary}`)) {
    const split = part.indexOf('\r\n\r\n');
    if (split === -1) continue;
    const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(part.slice(0, split))?.[1];
    if (name !== undefined) fields.push([name, part.slice(split + 4).replace(/\r\n$/, '')]);
  }
  return fields;
}
