import { speaksRestXml } from './aws-xml';
import type { CallReading, MockRequest } from './call';
import type { Plan } from './plan';
import { viewOf } from './schema-view';
import { isXmlMediaType as isXml } from './serialize';

/**
 * An AWS SDK's REST-XML call (S3) as its description reads it. The descriptions declare every
 * request body as `text/xml`: an object's bytes (`PutObject`, sent as `text/plain`, `image/png`…)
 * are its `Body` member, the payload AWS's model names; an XML document (`DeleteObjects`'
 * `<Delete>`) sent as `application/xml` is that `text/xml`; none at all is an empty one. Undefined
 * for any other call.
 */
export function awsRestCall(
  plan: Plan,
  request: MockRequest,
  reading: CallReading,
): { request: MockRequest; reading: CallReading } | undefined {
  const { match } = reading;
  const { body } = request;
  if (match.kind !== 'found' || !speaksRestXml(plan)) return undefined;
  const content = match.operation.requestBody?.content ?? {};
  const type = Object.keys(content).find(isXml);
  if (type === undefined || body?.contentType === type) return undefined;
  // A payload left out is an empty one (`CreateBucket` in us-east-1 sends no configuration), whatever
  // the description's `required` says.
  if (!body || body.text === '')
    return { request: { ...request, body: { contentType: type, text: '', value: {} } }, reading };
  if (isXml(body.contentType))
    return { request: { ...request, body: { ...body, contentType: type } }, reading };
  const payload = viewOf(content[type].schema, plan.defs)?.properties.Body;
  if (payload === undefined) return undefined;
  return {
    request: { ...request, body: { contentType: type, text: body.text, value: { Body: body.text } } },
    reading,
  };
}
