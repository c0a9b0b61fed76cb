import type { JsonValue, Schema } from './plan';
import { isJsonMediaType } from './negotiate';

export type Serialized = { ok: true; body: string } | { ok: false; detail: string };

/** Turns a generated or example value into the text of a response in the chosen media type. */
export function serializeBody(value: JsonValue, mediaType: string, schema?: Schema): Serialized {
  const essence = mediaType.split(';')[0].trim().toLowerCase();
  if (isJsonMediaType(essence)) return { ok: true, body: JSON.stringify(value) };
  if (isXmlMediaType(essence)) {
    // A string example for an XML response is the document itself.
    if (typeof value === 'string') return { ok: true, body: value };
    return { ok: true, body: element(value, xmlName(schema) ?? 'xml') };
  }
  if (
    essence === 'application/x-www-form-urlencoded' &&
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value)
  ) {
    return {
      ok: true,
      body: new URLSearchParams(
        Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
      ).toString(),
    };
  }
  if (value !== null && typeof value === 'object' && essence.startsWith('text/')) {
    // Writing JSON into text/plain or text/html would hand the client a body of the wrong kind;
    // Prism answers 500 here too (its harness checks it), so the spec's defect is named instead.
    return {
      ok: false,
      detail: `The response value is an ${Array.isArray(value) ? 'array' : 'object'}, which cannot be written as ${essence}; give the response a string schema or example.`,
    };
  }
  return { ok: true, body: typeof value === 'string' ? value : JSON.stringify(value) };
}

function xmlName(schema: Schema | undefined): string | undefined {
  if (schema === undefined || typeof schema === 'boolean') return undefined;
  const xml = schema.xml as { name?: unknown } | undefined;
  return typeof xml?.name === 'string' ? xml.name : undefined;
}

/** An element name made of the characters XML allows in one. */
export function xmlTagName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^([^A-Za-z_])/, '_$1');
}

/** `application/xml`, `text/xml` and any `+xml` type. */
export const isXmlMediaType = (type: string): boolean => /[/+]xml$/.test(type);

function element(value: JsonValue, name: string): string {
  const tag = xmlTagName(name);
  if (value === null) return `<${tag}/>`;
  if (Array.isArray(value)) return `<${tag}>${value.map((v) => element(v, 'item')).join('')}</${tag}>`;
  if (typeof value === 'object')
    return `<${tag}>${Object.entries(value)
      .map(([k, v]) => element(v, k))
      .join('')}</${tag}>`;
  return `<${tag}>${escapeXml(String(value))}</${tag}>`;
}

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );
}
