import type { Problem } from '../http/problem';
import type { CompiledRoutes, MatchResult } from './match';
import type { OperationPlan, Plan } from './plan';
import type { Preferences } from './prefer';
import type { ValidatedCall } from './state-layer';
import type { RequestBody } from './validate-request';

/**
 * The engine's call types: what one call to `mock()` takes and gives back. In a file of their own
 * so the engine's modules (mock.ts, render-response.ts, the refusals) all import them from here and
 * never each other for a type.
 */

export interface MockRequest {
  method: string;
  /** The path below the mock URL, percent-encoded as received, starting with "/". */
  path: string;
  /**
   * The absolute URL the spec's paths are relative to: the mock or sandbox URL of the path form
   * (`https://host/mock/petstore/1.0.0`), or a mock host's origin (`https://petstore.mock.example.com`).
   */
  baseUrl?: string;
  query: [string, string][];
  /** Lower-cased names. */
  headers: Record<string, string>;
  body?: RequestBody;
  /**
   * Preferences from the API's behaviour settings (a forced status or example). The request's own
   * preferences win over them.
   */
  steer?: Pick<Preferences, 'code' | 'example'>;
  /**
   * The fields of a form POST read as its GET (form-as-query.ts): they name what the call is about
   * (`conversations.info channel=C1`), so the answer is about that.
   */
  fields?: [string, string][];
}

export interface MockResponse {
  status: number;
  headers: Record<string, string>;
  body: string | null;
  /** `base64`: the body is a file's bytes in base64 (realism/sample-files.ts), sent decoded. */
  encoding?: 'base64';
}

export type MockOutcome =
  | {
      ok: true;
      response: MockResponse;
      operation: OperationPlan;
      /** The call as validation read it (for work after the answer, such as callbacks). */
      call: ValidatedCall;
    }
  | {
      ok: false;
      /** The mock's diagnosis: why it refused the call, or what it could not do. */
      problem: Problem;
      /**
       * The refusal in the API's own error shape, when the spec has a response for its status
       * (`problem.errors` then always says why, for the request log). Absent: serve `problem`.
       */
      response?: MockResponse;
    };

/** Everything the mock needs about one published version, built once per isolate. */
export interface MockTarget {
  plan: Plan;
  routes: CompiledRoutes;
  /** Publish time of the version: "now" for generated dates, so bodies never drift between runs. */
  refDate: number;
}

/** A call with its reading: as sent, or as a reader rewrote it (aws-*-call.ts, `routeCall`). */
export interface ReadCall {
  request: MockRequest;
  reading: CallReading;
}

/**
 * What a call says before anything is decided: its route and the caller's own preferences, read
 * once (`readCall`) and handed to whoever needs them (the behaviour settings, `mock()`, a refusal).
 */
export interface CallReading {
  match: MatchResult;
  /** The request's own preferences (`Prefer` and the `__code`-style query parameters). */
  own: Preferences;
  /** The request's own query without the preference parameters: what is validated and seeded. */
  query: [string, string][];
}
