/// <reference types="@cloudflare/vitest-plugin/types" />

type WorkerEnv = import('../../worker/env').Env;

declare namespace Cloudflare {
  interface Env extends WorkerEnv {}
}
