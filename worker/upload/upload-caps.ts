import { fail } from '../http/problem';

/** How much one publish may carry, from `config.ts` (documented in the README, "Caps"). */
export interface UploadCaps {
  /** Bytes of the request body as sent (an archive counts compressed). */
  maxRequestBytes: number;
  /** Files in one upload (an archive's entries included). */
  maxFiles: number;
  /** Bytes of all files together once decompressed. */
  maxTotalBytes: number;
  /** Bytes of one file once decompressed. */
  maxFileBytes: number;
}

/**
 * Counts what an upload unpacks, file by file, and refuses as soon as a cap is passed, so an
 * archive that claims little and expands to much (a zip bomb) is stopped while it inflates.
 */
export class UploadTally {
  private files = 0;
  private bytes = 0;

  constructor(readonly caps: UploadCaps) {}

  /** One more file; its size may be unknown yet (it is then counted by `grow` as it inflates). */
  addFile(path: string, size = 0): void {
    if (++this.files > this.caps.maxFiles)
      fail('too-many-files', `The upload has more than ${this.caps.maxFiles} files.`, {
        extensions: { maxFiles: this.caps.maxFiles },
      });
    this.checkFile(path, size);
    this.grow(size);
  }

  /** Bytes a file may still take: the smaller of its own cap and what is left of the total. */
  roomFor(): number {
    return Math.min(this.caps.maxFileBytes, this.caps.maxTotalBytes - this.bytes);
  }

  /** Refuses a file that came out larger than `roomFor()`, naming the cap it passed. */
  tooLarge(path: string): never {
    // Whichever cap left less room is the one passed.
    if (this.caps.maxFileBytes <= this.caps.maxTotalBytes - this.bytes) this.checkFile(path, Infinity);
    this.grow(Infinity);
    throw new Error('unreachable: grow(Infinity) refuses');
  }

  grow(bytes: number): void {
    this.bytes += bytes;
    if (this.bytes > this.caps.maxTotalBytes)
      fail(
        'payload-too-large',
        `The upload's files come to more than ${mib(this.caps.maxTotalBytes)} once decompressed.`,
        { extensions: { maxTotalBytes: this.caps.maxTotalBytes } },
      );
  }

  checkFile(path: string, size: number): void {
    if (size > this.caps.maxFileBytes)
      fail('payload-too-large', `${path.slice(0, 200)} is larger than ${mib(this.caps.maxFileBytes)}.`, {
        extensions: { maxFileBytes: this.caps.maxFileBytes },
      });
  }
}

function mib(bytes: number): string {
  return bytes >= 1048576 ? `${Math.round((bytes / 1048576) * 10) / 10} MiB` : `${bytes} bytes`;
}
