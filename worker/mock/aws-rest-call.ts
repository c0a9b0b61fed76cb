import { speaksRestXml } from './aws-xml';
import { isAwsHost } from './aws-wire';
import type { CallReading, MockRequest, ReadCall } from './call';
import { isJsonMediaType } from './negotiate';
import type { Plan, Schema } from './plan';
import { viewOf } from './schema-view';
import { isXmlMediaType as isXml } from './serialize';

/**
 * An AWS SDK's REST call (S3's REST-XML, Lambda's REST-JSON) as its description reads it:
 * - The payload AWS's model names, sent as it is: an object's bytes (`PutObject`, sent as
 *   `text/plain`, `image/png`…) are the `Body` member of the declared `text/xml` body, an
 *   invocation's (`Invoke`, `application/octet-stream`) the `Payload` of the declared JSON.
 * - An XML document (`DeleteObjects`' `<Delete>`) sent as `application/xml` is that `text/xml`.
 * - For S3, no payload at all is an empty one (`CreateBucket` in us-east-1 sends no configuration),
 *   whatever the description's `required` says.
 * Undefined for any other call.
 */
export function awsRestCall(plan: Plan, request: MockRequest, reading: CallReading): ReadCall | undefined {
  const { match } = reading;
  const { body } = request;
  const xml = match.kind === 'found' && speaksRestXml(plan);
  if (match.kind !== 'found' || (!xml && !isAwsHost(plan.host))) return undefined;
  if (/#(Action|X-Amz-Target)=/.test(match.operation.path)) return undefined;
  const content = match.operation.requestBody?.content ?? {};
  const type = Object.keys(content).find(xml ? isXml : isJsonMediaType);
  if (type === undefined || body?.contentType === type) return undefined;
  if (xml && (!body || body.text === ''))
    return { request: { ...request, body: { contentType: type, text: '', value: {} } }, reading };
  if (!body || body.text === '') return undefined;
  if (xml && isXml(body.contentType))
    return { request: { ...request, body: { ...body, contentType: type } }, reading };
  const payload = payloadMember(content[type].schema, plan.defs);
  if (payload === undefined || (!xml && isJsonMediaType(body.contentType))) return undefined;
  return {
    request: { ...request, body: { contentType: type, text: body.text, value: { [payload]: body.text } } },
    reading,
  };
}

/**
 * The member a REST body's bytes are (S3's `Body`, Lambda's `Payload`): the converted descriptions
 * declare the payload as the body's only string member.
 */
function payloadMember(schema: Schema | undefined, defs: Record<string, Schema>): string | undefined {
  const view = viewOf(schema, defs);
  if (!view) return undefined;
  const named = ['Body', 'Payload'].find((name) => view.properties[name] !== undefined);
  if (named !== undefined) return named;
  const members = Object.keys(view.properties);
  return members.length === 1 && viewOf(view.properties[members[0]], defs)?.types.has('string')
    ? members[0]
    : undefined;
}
