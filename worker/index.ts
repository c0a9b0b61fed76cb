import type { Env } from './env';
import { handle } from './edge';
import type { AppRequest } from './http/app-request';

export { ApiRegistry } from './registry/api-registry';
export { Deliveries } from './hooks/durable/deliveries-object';
export { KeyAccount } from './quota/key-account';
export { RequestLog } from './request-log/request-log';
export { Sandbox } from './sandbox/durable/sandbox-object';
export { SandboxIndex } from './sandbox/durable/sandbox-index';

export default {
  fetch: (request, env, ctx) => handle(request as unknown as AppRequest, env, ctx),
} satisfies ExportedHandler<Env>;
