import type { IRequest } from 'itty-router';
import type { RateLimitView } from './rate-limit-headers';

/** What middleware and routes attach to a request as it passes through the router. */
export type AppRequest = IRequest & {
  /** The budget this request was counted against (mock quota or control plane), for its headers. */
  rateLimit?: RateLimitView;
  /** Epoch ms at which the request arrived; one clock reading per request. */
  receivedAt: number;
};
