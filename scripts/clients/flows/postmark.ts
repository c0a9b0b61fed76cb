import { check, type ClientFlow, type Loose } from '../flow';
import { loadSdk } from '../install-sdks';
import { corpusSpec } from '../specs';

/**
 * postmark 5 (the official Node client) against postmarkapp.com/server.json. It takes a host
 * (`requestHost`, with its port) and no path prefix, so it needs the spec at the root of the port.
 * Its calls meet three places where the description and the real server part ways: the query
 * names `count`/`offset` (the description writes `Count`/`Offset`), paths in another case
 * (`/deliveryStats`, the description's `/deliverystats`), and a template email requiring both
 * `TemplateId` and `TemplateAlias`, each "Required if" the other "is not specified".
 */
export const postmarkFlow: ClientFlow = {
  name: 'postmark',
  packages: { postmark: '5.1.0' },
  spec: corpusSpec('postmarkapp.com/server.json'),
  specLabel: 'postmarkapp.com/server.json',
  base: 'root',
  resources: true,
  async run(t) {
    const postmark = loadSdk<Loose>('postmark');
    const client = new postmark.ServerClient('server-token', {
      useHttps: false,
      requestHost: `${t.target.host}:${t.target.port}`,
    });
    const isPostmarkError = (status: number) => (e: Loose) =>
      e instanceof postmark.Errors.PostmarkError && e.statusCode === status;

    await t.ok(
      'sendEmail',
      () =>
        client.sendEmail({
          From: 'team@example.com',
          To: 'ada@example.com',
          Subject: 'Hi',
          TextBody: 'Hello',
        }),
      check('a message id', 'sdk type', (r) => typeof r.MessageID === 'string'),
      check('recipient reflected', 'realism', (r) => r.To === 'ada@example.com'),
    );
    const template = await t.ok(
      'createTemplate',
      () =>
        client.createTemplate({
          Name: 'Welcome',
          Subject: 'Hi {{name}}',
          HtmlBody: '<b>Hi</b>',
          Alias: 'welcome',
        }),
      check('a template id', 'sdk type', (r) => typeof r.TemplateId === 'number'),
      check('name reflected', 'realism', (r) => r.Name === 'Welcome'),
    );
    const id: number = template?.TemplateId ?? 1234;
    await t.ok(
      'getTemplate',
      () => client.getTemplate(id),
      check('created name reads back', 'sandbox inference', (r) => r.Name === 'Welcome'),
    );
    await t.ok(
      'editTemplate (no TemplateId in the body: it is in the path)',
      () => client.editTemplate(id, { Name: 'Welcome aboard' }),
      check('name reflected', 'realism', (r) => r.Name === 'Welcome aboard'),
    );
    // The description names the page's list "Templates API" (the SDK reads `Templates`): only its
    // count is checked.
    await t.ok(
      'getTemplates (count, offset)',
      () => client.getTemplates({ count: 5, offset: 0 }),
      check('a total count', 'sdk type', (r) => typeof r.TotalCount === 'number'),
    );
    await t.ok('sendEmailWithTemplate (TemplateAlias only)', () =>
      client.sendEmailWithTemplate({
        From: 'team@example.com',
        To: 'ada@example.com',
        TemplateAlias: 'welcome',
        TemplateModel: { name: 'Ada' },
      }),
    );
    await t.ok(
      'getBounces (count, offset)',
      () => client.getBounces({ count: 3, offset: 0 }),
      check('at most count', 'realism', (r) => Array.isArray(r.Bounces) && r.Bounces.length <= 3),
    );
    await t.ok('getDeliveryStatistics (/deliveryStats)', () => client.getDeliveryStatistics());
    await t.ok('getOutboundOverview', () => client.getOutboundOverview({}));
    await t.ok('deleteTemplate', () => client.deleteTemplate(id));
    await t.fails(
      'getTemplate of an unknown id → PostmarkError 404',
      () => (t.sandbox ? client.getTemplate(999999) : client.getTemplate('999999?__code=404')),
      isPostmarkError(404),
    );
  },
};
