import { fail } from './problem';
import type { RequestBody } from '../mock/validate-request';
import { decodeUtf8 } from '../util/utf8';

const MAX_MOCK_BODY_BYTES = 1024 * 1024;

/**
 * The body, read at the edge so the pure mock can stay synchronous; multipart is parsed here. No
 * body: answered at once, without a promise (most mock calls are reads).
 */
export function readMockBody(
  request: Request,
  method: string,
): RequestBody | undefined | Promise<RequestBody | undefined> {
  if (method === 'GET' || method === 'HEAD' || !request.body) return undefined;
  return readBody(request);
}

async function readBody(request: Request): Promise<RequestBody | undefined> {
  const declared = Number(request.headers.get('content-length'));
  if (declared > MAX_MOCK_BODY_BYTES) tooLarge();
  const header = request.headers.get('content-type') ?? '';
  const contentType = header.split(';')[0].trim().toLowerCase();
  const bytes = await request.arrayBuffer();
  if (bytes.byteLength > MAX_MOCK_BODY_BYTES) tooLarge();
  const text = await decodeUtf8(new Uint8Array(bytes));
  if (contentType !== 'multipart/form-data') return { contentType, text };
  try {
    const form = await new Response(bytes, { headers: { 'content-type': header } }).formData();
    const fields: [string, string][] = [];
    const files: [string, string][] = [];
    for (const [name, value] of form) {
      fields.push([name, typeof value === 'string' ? value : await value.text()]);
      if (typeof value !== 'string' && value.name) files.push([name, value.name]);
    }
    return { contentType, text, form: fields, ...(files.length ? { files } : {}) };
  } catch {
    return { contentType, text, form: [] };
  }
}

function tooLarge(): never {
  fail('payload-too-large', `Mock request bodies are capped at ${MAX_MOCK_BODY_BYTES / 1024} KiB.`);
}
