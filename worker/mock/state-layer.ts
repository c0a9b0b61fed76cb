import type { Problem } from '../http/problem';
import type { MockRequest } from './call';
import type { JsonValue, OperationPlan, ResponsePlan } from './plan';
import type { Preferences } from './prefer';

/** What a state layer (worker/sandbox/) sees of a call that passed routing, security and validation. */
export interface ValidatedCall {
  operation: OperationPlan;
  pathParams: Record<string, string>;
  /** The request's own query, without the `__code`-style preferences. */
  query: [string, string][];
  prefs: Preferences;
  request: MockRequest;
  /**
   * The request body as validation read it: JSON parsed, or form fields (url-encoded or multipart,
   * bracket notation decoded) typed by the schema. Absent without a body, or for a binary one.
   */
  body?: JsonValue;
}

/**
 * A state layer's answer: one of the operation's responses, with the body value to serve in it
 * (absent: the spec's own example or generated body), or a problem of the service.
 */
export type LayerAnswer =
  | { response: ResponsePlan; status: number; value?: JsonValue; headers?: Record<string, string> }
  | { ok: false; problem: Problem };

/** Decides a validated call from stored state, or returns undefined to let the stateless mock answer. */
export type StateLayer = (call: ValidatedCall) => LayerAnswer | undefined;
