import { Gunzip, Inflate } from 'fflate';
import { fail, ProblemError } from '../http/problem';
import { concatBytes } from '../util/bytes';

/**
 * Compressed input is fed 4 KiB at a time: deflate expands at most about 1,032 times, so one step
 * yields at most about 4 MiB, and the count is checked after every step. A zip bomb is thus
 * stopped within one step of its cap, never after inflating whole (fflate's one-shot `unzipSync`
 * would trust the archive's declared sizes, and the platform's DecompressionStream may expand a
 * whole input chunk at once).
 */
const STEP = 4096;

/** Raw deflate (a zip entry) or gzip, inflated up to `cap` bytes; past it `tooLarge()` refuses. */
export function inflateCapped(
  format: 'deflate' | 'gzip',
  input: Uint8Array,
  cap: number,
  tooLarge: () => never,
): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const ondata = (chunk: Uint8Array) => {
    total += chunk.byteLength;
    if (total > cap) tooLarge();
    chunks.push(chunk);
  };
  const stream = format === 'gzip' ? new Gunzip(ondata) : new Inflate(ondata);
  try {
    if (input.byteLength === 0) stream.push(input, true);
    for (let offset = 0; offset < input.byteLength; offset += STEP)
      stream.push(input.subarray(offset, offset + STEP), offset + STEP >= input.byteLength);
  } catch (error) {
    if (error instanceof ProblemError) throw error;
    fail(
      'invalid-archive',
      `The ${format === 'gzip' ? 'gzip stream' : 'compressed data'} is corrupt: ${String((error as Error)?.message ?? error)}`,
    );
  }
  return concatBytes(chunks);
}
