import type { IRequest } from 'itty-router';
import type { Decision } from '../quota/policy';

/** What middleware and routes attach to a request as it passes through the router. */
export type AppRequest = IRequest & {
  /** The quota decision of whichever key this request was counted against. */
  rateLimit?: Decision;
  /** Epoch ms at which the request arrived; one clock reading per request. */
  receivedAt: number;
};
