import type { JsonValue } from './plan';
import { isJsonMediaType } from './negotiate';

/** Turns a generated or example value into the bytes of a response in the chosen media type. */
export function serializeBody(value: JsonValue, mediaType: string): string {
  const essence = mediaType.split(';')[0].trim().toLowerCase();
  if (isJsonMediaType(essence)) return JSON.stringify(value);
  if (/[/+]xml$/.test(essence)) return toXml(value, 'root');
  if (essence === 'application/x-www-form-urlencoded' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return new URLSearchParams(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString();
  }
  // text/*, octet-stream, images…: a string is served as-is, anything else as JSON text.
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function toXml(value: JsonValue, name: string): string {
  const tag = name.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^([^A-Za-z_])/, '_$1');
  const open = `<?xml version="1.0" encoding="UTF-8"?>`;
  return `${open}${element(value, tag)}`;
}

function element(value: JsonValue, tag: string): string {
  if (value === null) return `<${tag}/>`;
  if (Array.isArray(value)) return `<${tag}>${value.map((v) => element(v, 'item')).join('')}</${tag}>`;
  if (typeof value === 'object') {
    const inner = Object.entries(value)
      .map(([k, v]) => element(v, k.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^([^A-Za-z_])/, '_$1')))
      .join('');
    return `<${tag}>${inner}</${tag}>`;
  }
  return `<${tag}>${escapeXml(String(value))}</${tag}>`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}
