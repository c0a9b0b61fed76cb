import { formFields } from './form-fields';
import { decodeForm, type Decoded } from './bracket-notation';
import { coerce } from './coerce';
import { isJsonMediaType } from './negotiate';
import type { MediaPlan, Schema } from './plan';
import { derefShallow, isObj } from './schema-refs';
import type { RequestBody } from './validate-request';

const FORM = 'application/x-www-form-urlencoded';
const MULTIPART = 'multipart/form-data';

/** Encoding styles of form properties that join an array's items with a delimiter. */
const DELIMITERS: Record<string, string> = { spaceDelimited: ' ', pipeDelimited: '|', tsv: '\t' };

export type BodyValue = { ok: true; value?: unknown } | { ok: false; message: string } | { ok: 'opaque' };

export function isFormBody(body: RequestBody): boolean {
  return body.contentType === FORM || body.contentType === MULTIPART;
}

/**
 * A request body as the value its schema judges (and a sandbox stores): JSON parsed, form fields
 * (url-encoded or multipart) decoded from bracket notation per the media's `encoding` and typed by
 * the schema, text as the value its schema asks for (coerce.ts). `opaque`: binary or unknown formats, about which a schema can say
 * nothing here.
 */
export function decodeBody(media: MediaPlan, body: RequestBody, defs: Record<string, Schema>): BodyValue {
  if (body.value !== undefined) return { ok: true, value: body.value };
  if (isJsonMediaType(body.contentType)) {
    try {
      return { ok: true, value: JSON.parse(body.text) };
    } catch (error) {
      return {
        ok: false,
        message: `Request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }
  // A url-encoded body whose schema is a string (spoonacular's `text=I like tacos`): the encoded
  // text is the value, as the spec's own example writes it; decoded, it would be an object.
  // Multipart fields are never one string: such a schema says nothing about them.
  if (isFormBody(body) && isStringSchema(media.schema, defs))
    return body.contentType === FORM ? { ok: true, value: body.text } : { ok: 'opaque' };
  if (isFormBody(body)) {
    const pairs = body.contentType === FORM ? formFields(body) : (body.form ?? []);
    const decoded = delimited(decodeForm(pairs, media.schema, defs), media);
    return { ok: true, value: coerce(decoded, media.schema, defs) };
  }
  // A number or an object under text/plain is sent as its text, or as JSON (appcenter.ms): read as
  // query text is, so a string schema keeps the text as it is and text that is neither stays a
  // string for the validator to refuse.
  if (body.contentType.startsWith('text/') && !body.contentType.endsWith('/xml'))
    return { ok: true, value: coerce(body.text, media.schema, defs) };
  return { ok: 'opaque' };
}

function isStringSchema(schema: Schema | undefined, defs: Record<string, Schema>): boolean {
  const s = schema === undefined ? undefined : derefShallow(schema, defs);
  return isObj(s) && s.type === 'string';
}

/** Properties whose Encoding Object names a delimited style arrive as one joined string. */
function delimited(value: Record<string, Decoded>, media: MediaPlan): Record<string, Decoded> {
  if (!media.encoding) return value;
  for (const [name, encoding] of Object.entries(media.encoding)) {
    const delimiter = encoding.style ? DELIMITERS[encoding.style] : undefined;
    const raw = Object.prototype.hasOwnProperty.call(value, name) ? value[name] : undefined;
    if (delimiter && typeof raw === 'string') value[name] = raw === '' ? [] : raw.split(delimiter);
  }
  return value;
}

/** A location inside a form body as the client wrote it: `items[0][price]`. */
export function bracketName(tokens: string[]): string {
  return tokens.length === 0
    ? ''
    : tokens[0] +
        tokens
          .slice(1)
          .map((t) => `[${t}]`)
          .join('');
}
