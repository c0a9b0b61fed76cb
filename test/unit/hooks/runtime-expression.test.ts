import { describe, expect, it } from 'vitest';
import { evaluate, parseTemplate, type ExpressionInput } from '../../../worker/hooks/runtime-expression';

/** Issue 21: callback URLs as OpenAPI 3.0 §4.7.20.4 writes them, and as real descriptions misspell them. */
const input: ExpressionInput = {
  url: 'https://m.test/mock/a/1/subscribe?queryUrl=https%3A%2F%2Fq.test',
  method: 'post',
  statusCode: 201,
  request: {
    headers: { 'x-hook': 'https://h.test/in' },
    query: [['queryUrl', 'https://q.test/cb']],
    path: { id: '42' },
    body: {
      callbackUrl: 'https://r.test/hook',
      nested: { urls: ['https://n.test/0'] },
      'a/b': 'https://s.test',
    },
  },
  response: { headers: {}, body: { id: 7 } },
};

const value = (key: string) => {
  const template = parseTemplate(key);
  return template && evaluate(template, input);
};

describe('callback URL expressions', () => {
  it('reads every source the specification names', () => {
    expect(value('{$request.body#/callbackUrl}')).toEqual({ ok: true, value: 'https://r.test/hook' });
    expect(value('{$request.query.queryUrl}')).toEqual({ ok: true, value: 'https://q.test/cb' });
    expect(value('{$request.header.X-Hook}')).toEqual({ ok: true, value: 'https://h.test/in' });
    expect(
      value('https://x.test/pets/{$request.path.id}/{$method}?status={$statusCode}&id={$response.body#/id}'),
    ).toEqual({
      ok: true,
      value: 'https://x.test/pets/42/POST?status=201&id=7',
    });
    expect(value('{$url}/done')).toEqual({ ok: true, value: `${input.url}/done` });
    expect(value('{$request.body#/nested/urls/0}')).toEqual({ ok: true, value: 'https://n.test/0' });
    expect(value('{$request.body#/a~1b}')).toEqual({ ok: true, value: 'https://s.test' });
  });

  it('takes a bare expression and the dotted misspelling as meant', () => {
    expect(value('$request.body#/callbackUrl')).toEqual({ ok: true, value: 'https://r.test/hook' });
    expect(value('{$request.body.callbackUrl}')).toEqual({ ok: true, value: 'https://r.test/hook' });
  });

  it('reads a bare {name} as the URL the request carries (up.com.au’s {webhookURL})', () => {
    const carried = (body: object, query: [string, string][] = []) => {
      const template = parseTemplate('{webhookURL}')!;
      return evaluate(template, { ...input, request: { ...input.request, query, body: body as never } });
    };
    expect(carried({ data: { attributes: { url: 'https://up.test/hook', note: 'x' } } })).toEqual({
      ok: true,
      value: 'https://up.test/hook',
    });
    expect(carried({ other: 'https://a.test', webhookUrl: 'https://named.test' })).toEqual({
      ok: true,
      value: 'https://named.test',
    });
    expect(carried({}, [['webhookURL', 'https://q.test']])).toEqual({ ok: true, value: 'https://q.test' });
    expect(carried({ none: 'here' }).ok).toBe(false);
  });

  it('says which member is missing, and never reads inherited ones', () => {
    expect(value('{$request.body#/nope}')).toEqual({ ok: false, missing: '$request.body#/nope' });
    expect(value('{$request.body#/__proto__}')).toEqual({ ok: false, missing: '$request.body#/__proto__' });
  });

  it('refuses malformed expressions', () => {
    for (const bad of [
      '{$request.bogus.x}',
      '{$request.body#nope}',
      '{$request.query}',
      '{not a name}',
      'x'.repeat(3000),
    ])
      expect(parseTemplate(bad)).toBeUndefined();
    expect(parseTemplate('https://plain.test/literal')).toEqual(['https://plain.test/literal']);
  });
});
