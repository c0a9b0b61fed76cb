import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { mock, prepareTarget } from '../../worker/mock/mock';
import { ingest } from '../../worker/ingest/ingest';
import { DOC_ID, responseSchemas } from '../support/independent-schemas';

/**
 * Issue 18 §7, RPC-style calls: the request names the object the answer is about by its id.
 * Plaid's `institution_id` is the answered `institution`'s; Slack's `channel=C1&name=x` makes C1
 * the `channel` object's id and x its name. Served as examples and as generated bodies alike, each
 * checked by Ajv over the original document.
 */
const json = (schema: string, example?: string) =>
  `{content: {application/json: {schema: ${schema}${example ? `, example: ${example}` : ''}}}}`;
const spec = (withExamples: boolean) => `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /institutions/get_by_id:
    post:
      requestBody: ${json('{type: object, properties: {institution_id: {type: string}}}')}
      responses:
        '200': {description: ok, ${json(
          '{type: object, required: [institution], properties: {institution: {type: object, required: [institution_id, name], properties: {institution_id: {type: string}, name: {type: string}}}}}',
          withExamples ? '{institution: {institution_id: ins_1, name: Chase}}' : undefined,
        ).slice(1, -1)}}
  /conversations.rename:
    post:
      requestBody: {content: {application/x-www-form-urlencoded: {schema: {type: object, properties: {channel: {type: string}, name: {type: string}}}}}}
      responses:
        '200': {description: ok, ${json(
          '{type: object, required: [ok, channel], properties: {ok: {type: boolean}, channel: {type: object, required: [id, name], properties: {id: {type: string}, name: {type: string}}}}}',
          withExamples ? '{ok: true, channel: {id: C012AB3CD, name: general}}' : undefined,
        ).slice(1, -1)}}
  /conversations.create:
    post:
      requestBody: {content: {application/x-www-form-urlencoded: {schema: {type: object, properties: {name: {type: string}}}}}}
      responses:
        '200': {description: ok, ${json(
          '{type: object, required: [ok, channel], properties: {ok: {type: boolean}, channel: {type: object, required: [id, name], properties: {id: {type: string}, name: {type: string}}}}}',
          withExamples ? '{ok: true, channel: {id: C012AB3CD, name: general}}' : undefined,
        ).slice(1, -1)}}
  /chat.delete:
    post:
      requestBody: {content: {application/x-www-form-urlencoded: {schema: {type: object, properties: {channel: {type: string}, ts: {type: number}}}}}}
      responses:
        '200': {description: ok, ${json(
          "{type: object, required: [ok, channel, ts], properties: {ok: {type: boolean}, channel: {type: string, pattern: '^[CGD][A-Z0-9]{8,}$'}, ts: {type: string, pattern: '^\\d{10}\\.\\d{6}$'}}}",
          withExamples ? "{ok: true, channel: C024BE91L, ts: '1401383885.000061'}" : undefined,
        ).slice(1, -1)}}
  /repos:
    post:
      requestBody: ${json('{type: object, properties: {name: {type: string}, owner: {type: string}}}')}
      responses:
        '201': {description: ok, ${json(
          '{type: object, required: [name, owner], properties: {name: {type: string}, owner: {type: object, required: [id, name], properties: {id: {type: string}, name: {type: string}}}}}',
          withExamples ? '{name: hello, owner: {id: o1, name: Octo Cat}}' : undefined,
        ).slice(1, -1)}}
`;

async function sender(withExamples: boolean) {
  const text = spec(withExamples);
  const target = prepareTarget((await ingest(text)).plan, Date.UTC(2026, 0, 1));
  const { document, pointers } = responseSchemas(text);
  const ajv = new Ajv({ strict: false });
  addFormats(ajv);
  ajv.addSchema(document, DOC_ID);
  return (path: string, body: string, type = 'application/json') => {
    const outcome = mock(target, {
      method: 'POST',
      path,
      query: [],
      headers: { 'content-type': type },
      body: { contentType: type, text: body },
    });
    if (!outcome.ok) throw new Error(outcome.problem.detail);
    const value = JSON.parse(outcome.response.body ?? 'null') as unknown;
    const validate = ajv.compile({ $ref: DOC_ID + pointers[`POST ${path} ${outcome.response.status}`] });
    expect(validate(value), ajv.errorsText(validate.errors)).toBe(true);
    return value;
  };
}

describe.each([
  ['served examples', true],
  ['generated bodies', false],
])('the object a request names by id (%s)', (_, withExamples) => {
  it('Plaid: institution_id sent is the answered institution’s', async () => {
    const send = await sender(withExamples);
    expect(send('/institutions/get_by_id', '{"institution_id":"ins_109508"}')).toMatchObject({
      institution: { institution_id: 'ins_109508' },
    });
  });

  it('Slack: channel=C1&name=x is the channel answered, with its new name', async () => {
    const send = await sender(withExamples);
    const form = 'application/x-www-form-urlencoded';
    expect(send('/conversations.rename', 'channel=C0EAQDV4Z&name=renamed', form)).toMatchObject({
      channel: { id: 'C0EAQDV4Z', name: 'renamed' },
    });
  });

  it('Slack: a form `ts` the request schema reads as a number is the response’s string `ts`', async () => {
    const send = await sender(withExamples);
    expect(
      send('/chat.delete', 'channel=C0EAQDV4Z&ts=7026206571.927045', 'application/x-www-form-urlencoded'),
    ).toMatchObject({
      channel: 'C0EAQDV4Z',
      ts: '7026206571.927045',
    });
  });

  it('a value its own member takes does not describe the named object (a repo’s name is not its owner’s)', async () => {
    const send = await sender(withExamples);
    const repo = send('/repos', '{"name":"hello-world","owner":"octo"}') as {
      name: string;
      owner: { id: string; name: string };
    };
    expect(repo.name).toBe('hello-world');
    expect(repo.owner.id).toBe('octo');
    expect(repo.owner.name).not.toBe('hello-world');
  });
});

describe('a served example with one object at its root (Slack)', () => {
  it('takes the sent values no root member takes: conversations.create name=x', async () => {
    const send = await sender(true);
    expect(send('/conversations.create', 'name=specmock-demo', 'application/x-www-form-urlencoded')).toEqual({
      ok: true,
      channel: { id: 'C012AB3CD', name: 'specmock-demo' },
    });
  });
});
