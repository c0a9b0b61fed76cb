import type { Ctx } from '../generate/context';
import { hostFor } from '../generate/formats';

/** Values whose field name says which resource they belong to: `account_sid`, `repos_url`. */

/** Twilio-style SID: two capitals naming the resource (`account_sid` → AC…), then 32 hex digits. */
export function sidFor(name: string, ctx: Ctx): string {
  const stem = name
    .toLowerCase()
    .replace(/[_\-.\s]/g, '')
    .replace(/sid$/, '');
  const known: Record<string, string> = { account: 'AC', message: 'SM', call: 'CA', conference: 'CF' };
  const prefix = known[stem] ?? (stem.slice(0, 2).toUpperCase().padEnd(2, 'X') || 'SI');
  let hex = '';
  for (let i = 0; i < 32; i++) hex += '0123456789abcdef'[ctx.rng.int(0, 15)];
  return prefix + hex;
}

/** `repos_url` → a link into the `repos` collection of the body's host. */
export function resourceUrl(name: string, ctx: Ctx): string | undefined {
  const stem = name
    .replace(/[_-]?(url|uri|link|href)$/i, '')
    .replace(/[_-]/g, '/')
    .toLowerCase();
  if (!/^[a-z][a-z/]*$/.test(stem) || /^(html|web|self|site|home)$/.test(stem)) return undefined;
  return `https://${hostFor(ctx)}/${stem}/${ctx.rng.int(1, 9999)}`;
}
