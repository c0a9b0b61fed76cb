import type { IRequest } from 'itty-router';
import type { CallNote } from '../request-log/log-call';
import type { RateLimitView } from './rate-limit-headers';

/**
 * What the edge and the routes attach to a request as it passes through. Plain properties, not
 * WeakMaps keyed by the request: a weak table keyed by a runtime object costs every GC (profile).
 */
export type AppRequest = IRequest & {
  /** The budget this request was counted against (mock quota or control plane), for its headers. */
  rateLimit?: RateLimitView;
  /** Set by the edge on a call to the service itself (not a mock): its CORS only answers an Origin (cors.ts). */
  service?: boolean;
  /** `request.method`, read once by the edge: every read of the runtime's getter crosses into it. */
  verb: string;
  /** Epoch ms at which the request arrived; one clock reading per request. */
  receivedAt: number;
  /** A mock call to be written to the request log (request-log/log-call.ts); absent when not logged. */
  callNote?: CallNote;
  /** The response already built with its CORS and RateLimit headers (http/decorate.ts). */
  decorated?: Response;
  /** The RateLimit headers a kept answer's response was given, for the log (http/decorate.ts). */
  rateLimitSent?: Record<string, string>;
};
