/**
 * The Worker's bindings and vars. Everything declared in wrangler.toml comes from
 * `env.generated.d.ts` (written by `npm run types`, checked by `npm run lint`); only the secrets,
 * which wrangler.toml never holds, are declared here.
 */
export interface Env extends Cloudflare.Env {
  /** `wrangler secret put ADMIN_TOKEN` in production, `--var ADMIN_TOKEN:…` locally. */
  ADMIN_TOKEN?: string;
}
