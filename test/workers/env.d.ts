/// <reference types="@cloudflare/vitest-plugin/types" />
// `env` from cloudflare:workers is `Cloudflare.Env`, which worker/env.generated.d.ts declares from wrangler.toml.
