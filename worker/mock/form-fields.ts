import type { RequestBody } from './validate-request';

const FORM = 'application/x-www-form-urlencoded';
const parsed = new WeakMap<RequestBody, [string, string][]>();

/**
 * A url-encoded body's fields, parsed once per body: routing (fragment-path.ts), AWS's query
 * protocol (aws-query.ts), validation (decode-body.ts) and reflection all read them, on the same call.
 * Empty for any other body.
 */
export function formFields(body: RequestBody | undefined): [string, string][] {
  if (body?.contentType !== FORM) return [];
  let fields = parsed.get(body);
  if (!fields) parsed.set(body, (fields = [...new URLSearchParams(body.text)]));
  return fields;
}
