import type { Loose } from '../flow';

/**
 * An AWS SDK v3 client pointed at the mock: the endpoint takes a host and port, the credentials only
 * have to sign, and one attempt per call (a retry would hide a refusal). `extra`: the service's own
 * options for a custom endpoint (S3's `forcePathStyle`).
 */
export const awsClient = (
  sdk: Loose,
  name: string,
  origin: string,
  extra: Record<string, unknown> = {},
): Loose =>
  new sdk[name]({
    endpoint: origin,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
    ...extra,
  });

/** A time the SDK parsed (it raises on any other wire form). */
export const isTime = (d: unknown): boolean => d instanceof Date && Number.isFinite(d.getTime());
