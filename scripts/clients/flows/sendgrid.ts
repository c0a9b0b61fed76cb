import { check, type ClientFlow, type Loose } from '../flow';
import { loadSdk } from '../install-sdks';
import { corpusSpec } from '../specs';

/**
 * @sendgrid/mail and @sendgrid/client 8 against sendgrid.com.json (v3): the client's `baseUrl`
 * default request replaces `https://api.sendgrid.com/`. The SDK writes `/v3` into every URL itself,
 * so the mock must take the server's own path after its base URL.
 */
export const sendgridFlow: ClientFlow = {
  name: '@sendgrid/mail',
  packages: { '@sendgrid/mail': '8.1.6', '@sendgrid/client': '8.1.6' },
  spec: corpusSpec('sendgrid.com.json'),
  specLabel: 'sendgrid.com.json',
  base: 'path',
  resources: true,
  async run(t) {
    const { Client } = loadSdk<Loose>('@sendgrid/client');
    const { MailService } = loadSdk<Loose>('@sendgrid/mail');
    const client = new Client();
    client.setApiKey('SG.specmock');
    client.setDefaultRequest('baseUrl', t.target.base);
    const mail = new MailService();
    mail.setClient(client);
    const call = (method: string, url: string, more: Loose = {}) => client.request({ method, url, ...more });
    const isStatus = (status: number) => (e: Loose) => e?.code === status && e?.response !== undefined;
    const errorList = check('errors[].message', 'error shape', (e: Loose) =>
      e.response.body.errors.every((x: Loose) => typeof x.message === 'string'),
    );

    await t.ok(
      'mail.send',
      () =>
        mail.send({
          to: 'ada@example.com',
          from: 'team@example.com',
          subject: 'Welcome',
          text: 'Hello from the mock',
        }),
      check('accepted (202)', 'sdk type', (r) => r[0].statusCode === 202),
    );
    const created = await t.ok(
      'POST /v3/templates',
      () => call('POST', '/v3/templates', { body: { name: 'Welcome', generation: 'dynamic' } }),
      check('an id', 'sdk type', ([, b]) => typeof b.id === 'string'),
      check('name reflected', 'realism', ([, b]) => b.name === 'Welcome'),
      check('generation reflected', 'realism', ([, b]) => b.generation === 'dynamic'),
    );
    const id: string = created?.[1]?.id ?? 'd-0c8a5e1b2d3f4a5b6c7d8e9f0a1b2c3d';
    await t.ok(
      'GET /v3/templates/{id}',
      () => call('GET', `/v3/templates/${id}`),
      check('id echoes', 'realism', ([, b]) => b.id === id),
      check('created name reads back', 'sandbox inference', ([, b]) => b.name === 'Welcome'),
    );
    await t.ok(
      'PATCH /v3/templates/{id}',
      () => call('PATCH', `/v3/templates/${id}`, { body: { name: 'Welcome aboard' } }),
      check('name reflected', 'realism', ([, b]) => b.name === 'Welcome aboard'),
    );
    await t.ok(
      'GET /v3/templates/{id} after update',
      () => call('GET', `/v3/templates/${id}`),
      check('updated name reads back', 'sandbox inference', ([, b]) => b.name === 'Welcome aboard'),
    );
    await t.ok(
      'GET /v3/templates',
      () => call('GET', '/v3/templates', { qs: { generations: 'dynamic', page_size: 10 } }),
      check('a result list', 'sdk type', ([, b]) => Array.isArray(b.result)),
      check('at most the page size', 'realism', ([, b]) => b.result.length <= 10),
      check('lists the created template', 'sandbox inference', ([, b]) =>
        b.result.some((x: Loose) => x.id === id),
      ),
    );
    await t.ok(
      'GET /v3/templates to the end (_metadata.next page_token)',
      async () => {
        let [, page] = await call('GET', '/v3/templates', { qs: { generations: 'dynamic', page_size: 10 } });
        for (let n = 1; n <= 20; n++) {
          const next = page?._metadata?.next;
          if (typeof next !== 'string' || next === '') return n;
          const token = new URL(next, t.target.base).searchParams.get('page_token');
          if (!token) return n;
          [, page] = await call('GET', '/v3/templates', {
            qs: { generations: 'dynamic', page_size: 10, page_token: token },
          });
        }
        return 21;
      },
      check('ends within 20 pages', 'pagination', (pages) => pages <= 20),
    );
    await t.ok(
      'POST /v3/marketing/lists',
      () => call('POST', '/v3/marketing/lists', { body: { name: 'Newsletter' } }),
      check('an id', 'sdk type', ([, b]) => typeof b.id === 'string'),
      check('name reflected', 'realism', ([, b]) => b.name === 'Newsletter'),
    );
    await t.ok(
      'PUT /v3/marketing/contacts',
      () => call('PUT', '/v3/marketing/contacts', { body: { contacts: [{ email: 'ada@example.com' }] } }),
      check('accepted (202)', 'sdk type', ([r]) => r.statusCode === 202),
      check('a job id', 'sdk type', ([, b]) => typeof b.job_id === 'string'),
    );
    await t.ok(
      'POST /v3/api_keys',
      () => call('POST', '/v3/api_keys', { body: { name: 'ci', scopes: ['mail.send'] } }),
      check('an api key', 'sdk type', ([, b]) => typeof b.api_key === 'string'),
      check('name reflected', 'realism', ([, b]) => b.name === 'ci'),
    );
    await t.ok('DELETE /v3/templates/{id}', () => call('DELETE', `/v3/templates/${id}`));
    if (t.sandbox)
      await t.fails(
        'GET /v3/templates/{id} after delete → ResponseError 404',
        () => call('GET', `/v3/templates/${id}`),
        isStatus(404),
      );
    await t.fails(
      'GET /v3/templates/{id} of an unknown id → ResponseError 404',
      () => call('GET', '/v3/templates/d-unknown', { headers: t.prefer404 }),
      isStatus(404),
    );
    await t.fails(
      'mail.send with a wrong type → ResponseError 400',
      () => call('POST', '/v3/mail/send', { body: { personalizations: 'everyone', subject: 'x' } }),
      isStatus(400),
      errorList,
    );
  },
};
