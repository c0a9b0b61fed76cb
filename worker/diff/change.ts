import type { OperationPlan, Schema } from '../mock/plan';
import type { ChangeDirection, Level } from './rules';
import type { RuleId } from './schema-kinds';

/** One example of a logged call a change affects (the dashboard shows it). */
export interface ExampleCall {
  id?: string;
  at: string;
  method: string;
  path: string;
  query: string;
  status: number;
}

/** One change as the diff endpoint answers it. */
export interface Change {
  rule: RuleId;
  level: Level;
  /** "POST /pets" (the path as `to` writes it, or as `from` did for a removed operation), or null. */
  operation: string | null;
  direction: ChangeDirection | null;
  /** JSON pointer into `to`'s document (into `from`'s for removals), `$ref`s read as inlined. */
  pointer: string;
  message: string;
  /** Logged calls to `from` this change would refuse, or whose responses it concerns. */
  affectedCalls: number;
  exampleCall?: ExampleCall;
}

export type ParamLocation = 'path' | 'query' | 'header' | 'cookie';

/**
 * How replay ties a change to logged calls (never part of the answer):
 *  - `route`: every call of the operation (it is gone: 404 or 405);
 *  - `security`: calls refused with 401;
 *  - `media`: calls whose body has one of these media types (415);
 *  - `body`: calls that send a body (`present`) or send none (`absent`);
 *  - `param`: calls without this parameter in its new place (it became required, was added or moved);
 *  - `value`: calls whose value at `at` (under a parameter, or in the body) violates `test`; without
 *    a test, calls refused for an error at that location;
 *  - `response`: calls answered with this response (whose body holds a member at `at`, if given);
 *  - `none`: no call can be tied to it (additions, documentation).
 */
export type Hit =
  | { kind: 'route' }
  | { kind: 'security' }
  | { kind: 'media'; types: string[] }
  | { kind: 'body'; when: 'present' | 'absent' }
  | { kind: 'param'; in: ParamLocation; name: string }
  | {
      kind: 'value';
      in: ParamLocation | 'body';
      name?: string;
      /** The request media type whose schema changed (body changes). */
      media?: string;
      at: string[];
      test?: Schema;
    }
  | {
      kind: 'response';
      status: string;
      media?: string;
      at?: string[];
      /** `to` removes the member at `at`, or stops guaranteeing it (optional, nullable, retyped). */
      removes?: true;
    }
  | { kind: 'none' };

/** A change with what replay needs: the operation of `from` it concerns, and how to find its calls. */
export interface Found {
  change: Change;
  /** The operation of `from` (calls are logged against it); absent for additions. */
  fromOp?: OperationPlan;
  hit: Hit;
}

export function found(
  change: Omit<Change, 'affectedCalls'>,
  hit: Hit,
  fromOp: OperationPlan | undefined,
): Found {
  return { change: { ...change, affectedCalls: 0 }, hit, ...(fromOp ? { fromOp } : {}) };
}

/** "POST /pets" */
export function operationLabel(op: OperationPlan): string {
  return `${op.method.toUpperCase()} ${op.path}`;
}
