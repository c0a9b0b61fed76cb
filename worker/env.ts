import type { ApiRegistry } from './registry/api-registry';
import type { KeyAccount } from './quota/key-account';
import type { RequestLog } from './request-log/request-log';

export interface Env {
  SPECS: KVNamespace;
  QUOTA: DurableObjectNamespace<KeyAccount>;
  REGISTRY: DurableObjectNamespace<ApiRegistry>;
  REQUEST_LOG: DurableObjectNamespace<RequestLog>;
  ASSETS?: Fetcher;
  ADMIN_TOKEN?: string;
  SIGNUP?: string;
  DEFAULT_PER_MINUTE?: string;
  DEFAULT_PER_MONTH?: string;
  SIGNUP_PER_MINUTE?: string;
  SIGNUP_PER_MONTH?: string;
  MAX_SPEC_BYTES?: string;
  MAX_APIS_PER_KEY?: string;
  LOG_MOCK_CALLS?: string;
}
