import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mock, prepareTarget, type MockRequest } from '../../worker/mock/mock';
import { ingest } from '../../worker/ingest/ingest';

/**
 * SQS's SDK refused every SendMessage and ReceiveMessage answer ("Invalid MD5 checksum on
 * messages"): it checks the stated MD5 of each message body, and a generated digest never matches.
 */
const SQS = `openapi: 3.0.0
info: {title: sqs, version: '2012-11-05'}
servers: [{url: 'http://sqs.{region}.amazonaws.com', variables: {region: {default: us-east-1}}}]
paths:
  /#Action=SendMessage:
    post:
      operationId: POST_SendMessage
      parameters:
        - {name: Action, in: query, required: true, schema: {type: string, enum: [SendMessage]}}
        - {name: Version, in: query, required: true, schema: {type: string, enum: ['2012-11-05']}}
      requestBody:
        required: true
        content: {text/xml: {schema: {type: object, required: [QueueUrl, MessageBody], properties: {QueueUrl: {type: string}, MessageBody: {type: string}}}}}
      responses:
        '200': {description: Success, content: {text/xml: {schema: {type: object, required: [MD5OfMessageBody, MessageId], properties: {MD5OfMessageBody: {type: string}, MessageId: {type: string}}}}}}
  /#Action=ReceiveMessage:
    post:
      operationId: POST_ReceiveMessage
      parameters:
        - {name: Action, in: query, required: true, schema: {type: string, enum: [ReceiveMessage]}}
        - {name: Version, in: query, required: true, schema: {type: string, enum: ['2012-11-05']}}
      requestBody:
        required: true
        content: {text/xml: {schema: {type: object, required: [QueueUrl], properties: {QueueUrl: {type: string}}}}}
      responses:
        '200':
          description: Success
          content:
            text/xml:
              schema:
                type: object
                required: [Messages]
                properties:
                  Messages:
                    type: array
                    minItems: 2
                    items: {type: object, required: [Body, MD5OfBody], properties: {Body: {type: string}, MD5OfBody: {type: string}}}
`;

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

function call(action: string, body: unknown): MockRequest {
  return {
    method: 'POST',
    path: '/',
    query: [],
    headers: { 'x-amz-target': `AmazonSQS.${action}`, 'content-type': 'application/x-amz-json-1.0' },
    body: { contentType: 'application/x-amz-json-1.0', text: JSON.stringify(body) },
  };
}

describe('message digests an SQS SDK checks', () => {
  it('are the MD5 of the body sent, and of each received body', async () => {
    const t = prepareTarget((await ingest(SQS)).plan, Date.UTC(2026, 0, 1));
    const queue = 'http://127.0.0.1/123456789012/orders';
    const sent = mock(t, call('SendMessage', { QueueUrl: queue, MessageBody: 'order 7 paid ✓' }));
    expect(sent.ok && JSON.parse(sent.response.body!).MD5OfMessageBody).toBe(md5('order 7 paid ✓'));
    const received = mock(t, call('ReceiveMessage', { QueueUrl: queue }));
    const messages = received.ok ? JSON.parse(received.response.body!).Messages : [];
    expect(messages.length).toBeGreaterThanOrEqual(2);
    for (const m of messages) expect(m.MD5OfBody).toBe(md5(m.Body));
  });
});
