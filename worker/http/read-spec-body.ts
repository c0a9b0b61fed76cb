import { fail } from './problem';
import { readUpTo } from '../util/bytes';
import { decodeUtf8, spellsExactly } from '../util/utf8';

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

/** The media type of a request, lower-cased, without parameters (`text/plain` when absent). */
export function mediaTypeOf(request: Request): string {
  return (request.headers.get('content-type') ?? 'text/plain').split(';')[0].trim().toLowerCase();
}

/**
 * One spec document sent as the whole body. curl --data-binary sends
 * application/x-www-form-urlencoded by default; the body is still the spec.
 */
export async function specDocument(
  bytes: Uint8Array<ArrayBuffer>,
  contentType: string,
): Promise<{ text: string; contentType: string; utf8?: Uint8Array<ArrayBuffer> }> {
  if (
    !TEXT_TYPES.has(contentType) &&
    contentType !== 'application/x-www-form-urlencoded' &&
    !contentType.endsWith('+json') &&
    !contentType.endsWith('+yaml')
  ) {
    fail(
      'unsupported-media-type',
      `Content-Type ${contentType} is not accepted; send the spec as application/json, application/yaml, text/yaml or text/plain, several files as multipart/form-data, or one .zip/.tar.gz archive (application/zip, application/gzip).`,
    );
  }
  const text = await decodeUtf8(bytes);
  return {
    text,
    contentType: contentType === 'application/x-www-form-urlencoded' ? 'text/plain' : contentType,
    ...(spellsExactly(bytes, text) ? { utf8: bytes } : {}),
  };
}

/**
 * The request body, refused past `maxBytes`: the cap is enforced while streaming, so a lying or
 * absent Content-Length cannot smuggle in more.
 */
export async function readCapped(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) tooLarge(maxBytes);
  const { bytes, over } = await readUpTo(request.body, maxBytes);
  if (over) tooLarge(maxBytes);
  return bytes;
}

function tooLarge(maxBytes: number): never {
  fail('payload-too-large', `The upload is larger than the ${Math.round(maxBytes / 1048576)} MiB cap.`, {
    extensions: { maxBytes },
  });
}
