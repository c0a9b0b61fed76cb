import { isPlain } from './realism/reflect';
import { awsQueryWire, type QueryWire } from './aws-query';
import { xmlOf } from './schema-xml';
import { awsErrorType, blobOnWire } from './aws-wire';
import type { MockRequest, MockTarget } from './call';
import { escapeXml, isXmlMediaType, xmlTagName } from './serialize';
import { hash } from './generate/context';
import type { JsonValue, Plan, Schema } from './plan';
import { derefShallow, isObj, refDefName } from './schema-refs';
import { viewOf } from './schema-view';

/**
 * The body a query-protocol call is answered with (XML: a description that declares JSON is served
 * JSON), or undefined for a call that speaks no query protocol. An error response of the description
 * (`480: NoSuchEntityException`) is sent as the error its name says, with its message when it has one.
 */
export function queryWireBody(
  ctx: { target: MockTarget; request: MockRequest; seed: string },
  type: string,
  status: number,
  description: string,
  value: JsonValue,
  schema: Schema | undefined,
): string | undefined {
  const wire = isXmlMediaType(type) ? awsQueryWire(ctx.target.plan, ctx.request) : undefined;
  if (!wire || schema === undefined) return undefined;
  const { plan } = ctx.target;
  if (status < 400) return queryAnswerXml(value, schema, plan.defs, wire, plan.host, ctx.seed);
  const code = awsErrorType(description) ?? queryErrorCode(wire, status);
  return queryErrorXml(wire, status, code, errorMessage(value) ?? description, ctx.seed);
}

const restXmlPlans = new WeakMap<Plan, boolean>();

/**
 * AWS's REST-XML protocol (S3, CloudFront, Route 53): an AWS host, operations keyed by their paths
 * (no `#Action=` or `#X-Amz-Target=` keys), answers declared as XML.
 */
export function speaksRestXml(plan: Plan): boolean {
  let rest = restXmlPlans.get(plan);
  if (rest === undefined) {
    rest =
      /\.amazonaws\.com(\.cn)?$/.test(plan.host ?? '') &&
      !plan.operations.some((op) => /#(Action|X-Amz-Target)=/.test(op.path)) &&
      plan.operations.some((op) => op.responses.some((r) => Object.keys(r.content).some(isXmlMediaType)));
    restXmlPlans.set(plan, rest);
  }
  return rest;
}

/**
 * The body of a REST-XML answer: the output's members under its root element, by the same rules as
 * the query protocols' (the SDKs read the root's children whatever its name); an output whose
 * payload is its `Body` (S3's `GetObject`) sends that text itself (none when the value has none); an error is
 * `<Error><Code>NoSuchKey</Code><Message>…`, its code the description's name for it.
 */
export function restXmlBody(
  ctx: { target: MockTarget; seed: string },
  type: string,
  status: number,
  description: string,
  value: JsonValue,
  schema: Schema | undefined,
): string | undefined {
  const { plan } = ctx.target;
  if (schema === undefined || !isXmlMediaType(type) || !speaksRestXml(plan)) return undefined;
  if (status >= 400) {
    const code = /^[A-Z][A-Za-z0-9]+$/.test(description) ? description : restErrorCode(status);
    return restErrorXml(code, errorMessage(value) ?? description, ctx.seed);
  }
  const view = viewOf(schema, plan.defs);
  if (view?.properties.Body !== undefined)
    return isPlain(value) && typeof value.Body === 'string' ? value.Body : '';
  const payload = structurePayload(schema, plan.defs);
  if (payload !== undefined) {
    const inner = isPlain(value) ? value[payload.name] : undefined;
    const members = isPlain(inner) ? membersXml(inner, payload.schema, plan.defs, 0) : '';
    return `<${xmlTagName(payload.name)}>${members}</${xmlTagName(payload.name)}>`;
  }
  const ref =
    typeof schema === 'object' && typeof schema.$ref === 'string' ? refDefName(schema.$ref) : undefined;
  const root = xmlTagName(xmlOf(schema, plan.defs).name ?? ref ?? 'Result');
  return `<${root}>${isPlain(value) ? membersXml(value, schema, plan.defs, 0) : ''}</${root}>`;
}

/**
 * An output whose body is one structure member (CloudFront's `DistributionList`, S3's
 * `ServerSideEncryptionConfiguration`: the model's payload, the document's root, its other members
 * headers the converted description leaves out) is its only property, an optional object; an
 * output's own members are required where they are always there (Route 53's `ChangeInfo`).
 */
function structurePayload(
  schema: Schema,
  defs: Record<string, Schema>,
): { name: string; schema: Schema } | undefined {
  const view = viewOf(schema, defs);
  const names = view ? Object.keys(view.properties) : [];
  if (!view || names.length !== 1) return undefined;
  const resolved = derefShallow(schema, defs);
  const required = isObj(resolved) && Array.isArray(resolved.required) ? resolved.required : [];
  const member = view.properties[names[0]];
  const inner = viewOf(member, defs);
  if (
    required.includes(names[0]) ||
    !inner?.types.has('object') ||
    Object.keys(inner.properties).length === 0
  )
    return undefined;
  return { name: xmlOf(member, defs).name ?? names[0], schema: member };
}

/** A REST-XML error: S3's `<Error>` with its code, message and request id. */
export function restErrorXml(code: string, message: string, seed: string): string {
  return `<Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message><RequestId>${requestId(seed)}</RequestId></Error>`;
}

const REST_CODES: Record<number, string> = {
  400: 'InvalidArgument',
  401: 'AccessDenied',
  403: 'AccessDenied',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  413: 'EntityTooLarge',
  415: 'InvalidArgument',
  422: 'InvalidArgument',
  429: 'SlowDown',
};

export function restErrorCode(status: number): string {
  return REST_CODES[status] ?? (status >= 500 ? 'InternalError' : 'InvalidArgument');
}

/**
 * The XML an AWS SDK reads from a query-protocol call (aws-query.ts): the result's members inside
 * `<ListUsersResponse><ListUsersResult>…</ListUsersResult><ResponseMetadata>…`, or for EC2 inside
 * `<DescribeInstancesResponse>` with its `requestId`; a list's items each in an element of the
 * item's wire name (`member` unless the model names it) inside the list's, or repeated under the
 * list's own name when it is flattened (`xml.wrapped: false`); a map's `entry` elements with `key`
 * and `value`; a member under its wire name (`xml.name`, EC2's `reservationSet`), else its own.
 */
function queryAnswerXml(
  value: JsonValue,
  schema: Schema,
  defs: Record<string, Schema>,
  wire: QueryWire,
  host: string | undefined,
  seed: string,
): string {
  const op = xmlTagName(wire.action);
  const members = isPlain(value) ? membersXml(value, schema, defs, 0) : '';
  const id = requestId(seed);
  if (wire.ec2)
    return `<${op}Response xmlns="${namespace(host, wire)}"><requestId>${id}</requestId>${members}</${op}Response>`;
  return (
    `<${op}Response xmlns="${namespace(host, wire)}"><${op}Result>${members}</${op}Result>` +
    `<ResponseMetadata><RequestId>${id}</RequestId></ResponseMetadata></${op}Response>`
  );
}

/**
 * An error as the query protocols send it: `<ErrorResponse><Error><Type>`, `<Code>`, `<Message>`;
 * EC2's `<Response><Errors><Error>`. The SDK raises the exception its `Code` names.
 */
export function queryErrorXml(
  wire: QueryWire,
  status: number,
  code: string,
  message: string,
  seed: string,
): string {
  const id = requestId(seed);
  const text = `<Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message>`;
  if (wire.ec2)
    return `<Response><Errors><Error>${text}</Error></Errors><RequestID>${id}</RequestID></Response>`;
  const type = status >= 500 ? 'Receiver' : 'Sender';
  return `<ErrorResponse><Error><Type>${type}</Type>${text}</Error><RequestId>${id}</RequestId></ErrorResponse>`;
}

/** The code AWS's query services send for the statuses the mock refuses with. */
const CODES: Record<number, [query: string, ec2: string]> = {
  400: ['ValidationError', 'InvalidParameterValue'],
  401: ['MissingAuthenticationToken', 'AuthFailure'],
  403: ['AccessDenied', 'UnauthorizedOperation'],
  404: ['InvalidAction', 'InvalidAction'],
  405: ['InvalidAction', 'InvalidAction'],
  413: ['RequestEntityTooLarge', 'RequestLimitExceeded'],
  415: ['MalformedQueryString', 'InvalidParameter'],
  422: ['ValidationError', 'InvalidParameterValue'],
  429: ['Throttling', 'RequestLimitExceeded'],
};

export function queryErrorCode(wire: QueryWire, status: number): string {
  const codes = CODES[status];
  if (codes) return wire.ec2 ? codes[1] : codes[0];
  return status >= 500 ? 'InternalFailure' : wire.ec2 ? 'InvalidParameterValue' : 'ValidationError';
}

/** An error body's own words, when its schema gave it a message. */
function errorMessage(value: JsonValue | undefined): string | undefined {
  if (!isPlain(value)) return undefined;
  const message = value.message ?? value.Message;
  return typeof message === 'string' ? message : undefined;
}

const MAX_DEPTH = 32;

function membersXml(
  value: Record<string, JsonValue>,
  schema: Schema | undefined,
  defs: Record<string, Schema>,
  depth: number,
): string {
  const view = viewOf(schema, defs);
  let out = '';
  for (const [key, member] of Object.entries(value)) {
    const memberSchema = view?.properties[key] ?? view?.additional;
    out += elementXml(xmlOf(memberSchema, defs).name ?? key, member, memberSchema, defs, depth + 1, key);
  }
  return out;
}

function elementXml(
  name: string,
  value: JsonValue,
  schema: Schema | undefined,
  defs: Record<string, Schema>,
  depth: number,
  key: string | undefined,
): string {
  if (value === null || depth > MAX_DEPTH) return '';
  const tag = xmlTagName(name);
  if (Array.isArray(value)) {
    const items = viewOf(schema, defs)?.items;
    const { flattened } = xmlOf(schema, defs);
    if (flattened)
      return value.map((item) => elementXml(name, item, items, defs, depth + 1, undefined)).join('');
    const itemName = xmlOf(items, defs).name ?? 'member';
    return `<${tag}>${value.map((item) => elementXml(itemName, item, items, defs, depth + 1, undefined)).join('')}</${tag}>`;
  }
  if (isPlain(value)) {
    const view = viewOf(schema, defs);
    if (view && view.additional !== undefined && Object.keys(view.properties).length === 0) {
      const entries = Object.entries(value)
        .map(
          ([k, v]) =>
            `<entry><key>${escapeXml(k)}</key>${elementXml('value', v, view.additional, defs, depth + 1, undefined)}</entry>`,
        )
        .join('');
      return `<${tag}>${entries}</${tag}>`;
    }
    return `<${tag}>${membersXml(value, schema, defs, depth)}</${tag}>`;
  }
  const blob =
    typeof value === 'string' && schema !== undefined ? blobOnWire(value, key, schema, defs) : undefined;
  const text = blob ?? String(value);
  return `<${tag}>${escapeXml(text)}</${tag}>`;
}

function namespace(host: string | undefined, wire: QueryWire): string {
  const service = host?.split('.')[0] ?? 'aws';
  return `https://${service}.amazonaws.com/doc/${escapeXml(wire.version ?? '')}/`;
}

/** A request id in AWS's UUID form, the same for the same call (bodies are deterministic). */
function requestId(seed: string): string {
  const [a, b] = hash(seed);
  const [c, d] = hash(seed, 1);
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  const x = hex(a) + hex(b) + hex(c) + hex(d);
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-4${x.slice(13, 16)}-a${x.slice(17, 20)}-${x.slice(20, 32)}`;
}
