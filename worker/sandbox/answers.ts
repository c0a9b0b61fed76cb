import type { LayerAnswer } from '../mock/mock';
import { isObj } from '../mock/schema-refs';
import type { JsonValue, OperationPlan, ResponsePlan, Schema } from '../mock/plan';
import { selectResponse } from '../mock/select-response';
import { conform } from './conform';
import { spelledAsDeclared, visible } from './item-shape';
import { generated, type SandboxContext } from './sandbox-context';
import { jsonSchemaOf, propertiesOf } from './schema-shape';
import { planRelaxations } from '../mock/relaxed-reading';

/**
 * Answers in one of the operation's own responses. A stored value is served only in a form that
 * validates against the response's schema (see conform.ts); when the response has no JSON schema
 * the spec's own body (example or generated) is served, and a 204 none.
 */
export function answerValue(
  ctx: SandboxContext,
  { response, status }: { response: ResponsePlan; status: number },
  item: {
    value: JsonValue;
    salt: string;
    pathParams: Record<string, string>;
    envelope?: string;
    /** A schema the value was just conformed to (a write's item schema): not checked again. */
    conformed?: Schema;
  },
  headers?: Record<string, string>,
): LayerAnswer {
  const schema = jsonSchemaOf(response);
  const extra = headers ? { headers } : {};
  if (schema === undefined) return { response, status, ...extra };
  const defs = ctx.target.plan.defs;
  // An enveloped item (`{"Meeting": {…}}`) is wrapped again where this response has the envelope.
  const props = propertiesOf(schema, defs);
  const wrap = item.envelope !== undefined && props[item.envelope] !== undefined ? item.envelope : undefined;
  const shape = wrap ? props[wrap] : schema;
  const shown = spelledAsDeclared(visible(item.value, shape, defs), shape, defs);
  // A write's item already satisfies its item schema; where the response has that same schema and
  // shows the item whole, a second check would give the same verdict (a tenth of a create's time).
  // A lenient response is read with its own relaxations, which may be fewer than the item's.
  const relaxations = planRelaxations(ctx.target.plan);
  const checked =
    !wrap &&
    relaxations === undefined &&
    shown === item.value &&
    item.conformed !== undefined &&
    sameSchema(schema, item.conformed);
  const fitted = checked
    ? shown
    : conform(
        wrap ? { [wrap]: shown } : shown,
        schema,
        defs,
        () =>
          generated(
            ctx,
            schema,
            `${item.salt}\u0000${status}`,
            item.pathParams,
            false,
            undefined,
            relaxations,
          ),
        relaxations,
      );
  if (fitted === undefined) return unrepresentable(status);
  return { response, status, value: fitted, ...extra };
}

/**
 * The same schema object, or two bare `$ref`s to one definition. A `$ref` with siblings (3.1) may
 * add constraints, so it is never taken for its target.
 */
function sameSchema(a: Schema, b: Schema): boolean {
  return a === b || (bareRef(a) !== undefined && bareRef(a) === bareRef(b));
}

function bareRef(s: Schema): string | undefined {
  return isObj(s) && typeof s.$ref === 'string' && Object.keys(s).length === 1 ? s.$ref : undefined;
}

/** The operation's success response (the one a stateless call answers with), with its status. */
export function success(operation: OperationPlan): { response: ResponsePlan; status: number } | undefined {
  const selected = selectResponse(operation, undefined);
  return selected.ok ? { response: selected.response, status: selected.status } : undefined;
}

/**
 * An unknown or deleted item. The mock answers it in `operation`'s own 404 (exact, `4XX`, or an
 * error `default`), with this reason written into its message, as it does every refusal.
 */
export function notFound(operation: OperationPlan, id: string): LayerAnswer {
  return {
    ok: false,
    problem: { type: 'item-not-found', detail: `This sandbox holds no item "${id}" here.` },
  };
}

/** A create whose identifier is taken: the spec's own 409 when it has one, as for `notFound`. */
export function conflict(operation: OperationPlan, id: string): LayerAnswer {
  return {
    ok: false,
    problem: { type: 'item-conflict', detail: `This sandbox already holds an item "${id}" here.` },
  };
}

export function unrepresentable(status: number): LayerAnswer {
  return {
    ok: false,
    problem: {
      type: 'unrepresentable-state',
      detail: `The sandbox's state cannot be written in the schema of the ${status} response (for example fewer items than its minItems).`,
    },
  };
}
