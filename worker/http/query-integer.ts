import { fail } from './problem';

/** A query parameter that must be a whole number in [min, max]; else 400 naming it (`also`: what else it takes). */
export function queryInteger(name: string, raw: string, min: number, max: number, also = ''): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max)
    fail('bad-request', `\`${name}\` must be an integer from ${min} to ${max}${also}.`, {
      errors: [{ location: ['query', name], message: `must be an integer from ${min} to ${max}` }],
    });
  return n;
}
