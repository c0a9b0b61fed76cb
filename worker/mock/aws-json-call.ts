import { fromAwsSdk, isAwsHost, offAwsWire } from './aws-wire';
import { isJsonMediaType } from './negotiate';
import type { CallReading, MockRequest, ReadCall } from './call';
import type { JsonValue, OperationPlan, Plan, Schema } from './plan';
import { derefShallow, isObj } from './schema-refs';

/**
 * An AWS SDK's JSON-protocol call (`POST /`, `X-Amz-Target: DynamoDB_20120810.PutItem`, an
 * `application/x-amz-json-1.x` body) as its description reads it:
 * - Timestamps arrive as epoch seconds where the descriptions declare `date-time` text (CloudWatch's
 *   `Timestamp`, Step Functions' `startDate`), and are read as that text.
 * - Services whose SDKs moved from the query protocol to JSON (CloudWatch:
 *   `GraniteServiceVersion20100801.PutMetricData`) meet descriptions that still key the operation by
 *   `Action` with a `text/xml` body; fragment-path.ts routes the call by the target's operation
 *   name. The call then names the `Action` and `Version` the description requires, as a query call
 *   would, and its JSON is that body. The answer is JSON (aws-wire.ts).
 * - REST-JSON calls (no target: Lambda, API Gateway) send times and JSON names the same way.
 * Undefined for any other call, and for a body that is no JSON (validation says so).
 */
export function awsJsonCall(plan: Plan, request: MockRequest, reading: CallReading): ReadCall | undefined {
  const { match } = reading;
  const { body } = request;
  if (match.kind !== 'found' || !body || request.path.includes('#')) return undefined;
  if (request.headers['x-amz-target'] === undefined) return restJsonCall(plan, request, reading);
  const { operation } = match;
  const byAction = operation.path.includes('#Action=');
  if (!byAction && !operation.path.includes('#X-Amz-Target=')) return undefined;
  const sent = parsed(body.text);
  if (sent === undefined) return undefined;
  const content = operation.requestBody?.content ?? {};
  const declared = Object.keys(content);
  const type = byAction ? declared[0] : declared.find((t) => content[t].schema !== undefined);
  const schema = type !== undefined ? content[type].schema : undefined;
  const value = schema !== undefined ? offAwsWire(sent, schema, plan.defs) : sent;
  if (!byAction)
    return value === sent ? undefined : { request: { ...request, body: { ...body, value } }, reading };
  const named = requiredNames(operation, request, plan.defs);
  const rewritten: MockRequest = { ...request, query: [...request.query, ...named] };
  if (type !== undefined) rewritten.body = { contentType: type, text: body.text, value };
  else delete rewritten.body;
  return { request: rewritten, reading: { ...reading, query: [...reading.query, ...named] } };
}

function parsed(text: string): JsonValue | undefined {
  try {
    return JSON.parse(text === '' ? '{}' : text) as JsonValue;
  } catch {
    return undefined;
  }
}

/** The `Action` and `Version` query parameters the description requires, by their one value. */
function requiredNames(
  operation: OperationPlan,
  request: MockRequest,
  defs: Record<string, Schema>,
): [string, string][] {
  const out: [string, string][] = [];
  for (const name of ['Action', 'Version']) {
    const param = operation.parameters.find((p) => p.in === 'query' && p.name === name);
    const value = param && onlyValue(param.schema, defs);
    if (value !== undefined && !request.query.some(([k]) => k === name)) out.push([name, value]);
  }
  return out;
}

function onlyValue(schema: Schema, defs: Record<string, Schema>): string | undefined {
  const s = derefShallow(schema, defs);
  const values = isObj(s) && Array.isArray(s.enum) ? s.enum : [];
  return values.length === 1 && typeof values[0] === 'string' ? values[0] : undefined;
}

/**
 * A REST-JSON call (Lambda, API Gateway, EKS: an AWS host, operations keyed by path) sends its body's
 * timestamps as epoch seconds and its members by their JSON names: read as the description writes them.
 */
function restJsonCall(plan: Plan, request: MockRequest, reading: CallReading): ReadCall | undefined {
  const { match } = reading;
  const { body } = request;
  if (match.kind !== 'found' || !body || !isAwsHost(plan.host) || !fromAwsSdk(request)) return undefined;
  if (!isJsonMediaType(body.contentType)) return undefined;
  if (/#(Action|X-Amz-Target)=/.test(match.operation.path)) return undefined;
  const content = match.operation.requestBody?.content ?? {};
  const type = Object.keys(content).find(isJsonMediaType);
  const schema = type !== undefined ? content[type].schema : undefined;
  const sent = schema !== undefined ? parsed(body.text) : undefined;
  if (sent === undefined) return undefined;
  const value = offAwsWire(sent, schema!, plan.defs, true);
  return value === sent ? undefined : { request: { ...request, body: { ...body, value } }, reading };
}
