import { withBodyDigests } from './aws-checksums';
import { queryWireBody, restXmlBody } from './aws-xml';
import { awsJsonAnswer, awsJsonWire, WIRE_HEADER } from './aws-wire';
import type { MockRequest, MockTarget } from './call';
import type { JsonValue, OperationPlan, ResponsePlan, Schema } from './plan';
import { viewOf } from './schema-view';

/**
 * A body as an AWS SDK reads it, its headers amended: the text of the query protocols' XML
 * envelope, a REST-XML body (aws-xml.ts) or a REST-JSON payload; or the JSON protocols' value on
 * the wire (aws-wire.ts) with the message digests SQS's SDKs check (aws-checksums.ts); any other
 * call's value as it is.
 */
export function awsAnswer(
  ctx: { target: MockTarget; request: MockRequest; operation: OperationPlan; seed: string; sent?: JsonValue },
  { type, status, spec }: { type: string; status: number; spec: ResponsePlan },
  value: JsonValue,
  schema: Schema | undefined,
  headers: Record<string, string>,
): { text: string } | { value: JsonValue } {
  const query = queryWireBody(ctx, type, status, spec.description, value, schema);
  if (query !== undefined) {
    headers[WIRE_HEADER] = 'aws-query';
    return { text: query };
  }
  const rest = restXmlBody(ctx, type, status, spec.description, value, schema);
  if (rest !== undefined) {
    headers[WIRE_HEADER] = 'aws-rest-xml';
    return { text: rest };
  }
  const { plan } = ctx.target;
  const json = awsJsonWire(plan, ctx.operation, ctx.request, type);
  if (schema === undefined || json === undefined) return { value };
  const payload = json === 'aws-rest-json' && status < 400 ? payloadOf(value, schema, plan.defs) : undefined;
  if (payload !== undefined) {
    headers[WIRE_HEADER] = json;
    return { text: payload };
  }
  const wire = awsJsonAnswer(value, schema, plan.defs, { status, spec, type, wire: json }, headers);
  return { value: status < 400 ? withBodyDigests(wire, ctx.sent) : wire };
}

/**
 * A REST-JSON output whose payload is a member of its own (Lambda's `Invoke` answers the function's
 * `Payload`, not an object holding it): that member's text, which its SDK hands over as the bytes.
 */
function payloadOf(value: JsonValue, schema: Schema, defs: Record<string, Schema>): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const view = viewOf(schema, defs);
  const name = ['Payload', 'Body'].find(
    (n) => view?.properties[n] !== undefined && typeof value[n] === 'string',
  );
  return name !== undefined ? (value[name] as string) : undefined;
}
