import { withBodyDigests } from './aws-checksums';
import { queryWireBody, restXmlBody } from './aws-xml';
import { awsJsonAnswer, speaksAwsJson, WIRE_HEADER } from './aws-wire';
import type { MockRequest, MockTarget } from './call';
import type { JsonValue, OperationPlan, ResponsePlan, Schema } from './plan';

/**
 * A body as an AWS SDK reads it, its headers amended: the query protocols' XML envelope or a
 * REST-XML body (aws-xml.ts), or the JSON protocol's value on the wire (aws-wire.ts) with the message digests
 * SQS's SDKs check (aws-checksums.ts); any other call's
 * value as it is.
 */
export function awsAnswer(
  ctx: { target: MockTarget; request: MockRequest; operation: OperationPlan; seed: string; sent?: JsonValue },
  { type, status, spec }: { type: string; status: number; spec: ResponsePlan },
  value: JsonValue,
  schema: Schema | undefined,
  headers: Record<string, string>,
): { xml: string } | { value: JsonValue } {
  const xml = queryWireBody(ctx, type, status, spec.description, value, schema);
  if (xml !== undefined) {
    headers[WIRE_HEADER] = 'aws-query';
    return { xml };
  }
  const rest = restXmlBody(ctx, type, status, spec.description, value, schema);
  if (rest !== undefined) {
    headers[WIRE_HEADER] = 'aws-rest-xml';
    return { xml: rest };
  }
  if (schema === undefined || !speaksAwsJson(ctx.operation, ctx.request)) return { value };
  const wire = awsJsonAnswer(value, schema, ctx.target.plan.defs, { status, spec, type }, headers);
  return { value: status < 400 ? withBodyDigests(wire, ctx.sent) : wire };
}
