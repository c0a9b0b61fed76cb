import type { Env } from '../env';

interface Options<B> {
  windowMs: number;
  create(): B;
  isFull(batch: B): boolean;
  /** Writes a closed batch; runs in the waitUntil of the call that opened it. */
  write(env: Env, key: string, batch: B): Promise<unknown>;
  onError?(error: unknown): void;
}

/**
 * Per-isolate batches of background writes, one open batch per key (an API). The call that opens a
 * batch holds it in its own waitUntil for `windowMs`, then writes it: a busy mock pays one round
 * trip per window, not per call. Only plain data crosses requests: calls that join add to the batch
 * and wait for nothing, since workerd forbids awaiting another request's I/O.
 */
export class WindowedBatches<B> {
  private readonly open = new Map<string, B>();

  constructor(private readonly o: Options<B>) {}

  /** The key's open batch, or a new one (the previous one is full). */
  join(env: Env, ctx: ExecutionContext, key: string): B {
    const current = this.open.get(key);
    if (current !== undefined && !this.o.isFull(current)) return current;
    const batch = this.o.create();
    this.open.set(key, batch);
    ctx.waitUntil(
      new Promise((resolve) => setTimeout(resolve, this.o.windowMs))
        .then(() => {
          if (this.open.get(key) === batch) this.open.delete(key);
          return this.o.write(env, key, batch);
        })
        .catch((error: unknown) => this.o.onError?.(error)),
    );
    return batch;
  }
}
