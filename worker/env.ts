import type { ApiRegistry } from './registry/api-registry';
import type { KeyAccount } from './quota/key-account';
import type { Sandbox } from './sandbox/durable/sandbox-object';
import type { SandboxIndex } from './sandbox/durable/sandbox-index';

export interface Env {
  SPECS: KVNamespace;
  QUOTA: DurableObjectNamespace<KeyAccount>;
  REGISTRY: DurableObjectNamespace<ApiRegistry>;
  SANDBOX: DurableObjectNamespace<Sandbox>;
  SANDBOX_INDEX: DurableObjectNamespace<SandboxIndex>;
  ASSETS?: Fetcher;
  ADMIN_TOKEN?: string;
  SIGNUP?: string;
  DEFAULT_PER_MINUTE?: string;
  DEFAULT_PER_MONTH?: string;
  SIGNUP_PER_MINUTE?: string;
  SIGNUP_PER_MONTH?: string;
  MAX_SPEC_BYTES?: string;
  MAX_APIS_PER_KEY?: string;
  MAX_SANDBOXES_PER_KEY?: string;
  SANDBOX_MAX_ITEMS?: string;
  SANDBOX_MAX_BYTES?: string;
}
