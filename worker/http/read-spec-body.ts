import { fail } from './problem';

const TEXT_TYPES = new Set([
  'application/json',
  'application/yaml',
  'application/x-yaml',
  'text/yaml',
  'text/x-yaml',
  'text/plain',
  'application/octet-stream',
  'application/vnd.oai.openapi',
  'application/vnd.oai.openapi+json',
]);

/**
 * The spec text of a publish request: a raw body, or the `spec` field of a multipart form. The size
 * cap is enforced while streaming, so a lying or absent Content-Length cannot smuggle in more.
 */
export async function readSpecBody(
  request: Request,
  maxBytes: number,
): Promise<{ text: string; contentType: string }> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) tooLarge(maxBytes);
  const contentType = (request.headers.get('content-type') ?? 'text/plain')
    .split(';')[0]
    .trim()
    .toLowerCase();
  const bytes = await readCapped(request, maxBytes);
  if (contentType === 'multipart/form-data') {
    const form = await new Response(bytes, {
      headers: { 'content-type': request.headers.get('content-type')! },
    })
      .formData()
      .catch(() => fail('bad-request', 'The multipart body could not be parsed.'));
    const field = form.get('spec');
    if (field === null)
      fail('bad-request', 'The multipart body has no `spec` field.', {
        errors: [{ location: ['body', 'spec'], message: 'required' }],
      });
    if (typeof field === 'string') return { text: field, contentType: 'text/plain' };
    return { text: await field.text(), contentType: field.type || 'text/plain' };
  }
  // curl --data-binary sends application/x-www-form-urlencoded by default; the body is still the spec.
  if (
    !TEXT_TYPES.has(contentType) &&
    contentType !== 'application/x-www-form-urlencoded' &&
    !contentType.endsWith('+json') &&
    !contentType.endsWith('+yaml')
  ) {
    fail(
      'unsupported-media-type',
      `Content-Type ${contentType} is not accepted; send the spec as application/json, application/yaml, text/yaml, text/plain or multipart/form-data (field "spec").`,
    );
  }
  const text = new TextDecoder().decode(bytes);
  return {
    text,
    contentType: contentType === 'application/x-www-form-urlencoded' ? 'text/plain' : contentType,
  };
}

async function readCapped(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

function tooLarge(maxBytes: number): never {
  fail('payload-too-large', `The upload is larger than the ${Math.round(maxBytes / 1048576)} MiB cap.`, {
    extensions: { maxBytes },
  });
}
