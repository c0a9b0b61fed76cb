import { check, type ClientFlow, type Loose } from '../flow';
import { loadSdk } from '../install-sdks';
import { corpusSpec } from '../specs';

const SID = 'AC00000000000000000000000000000000';

/**
 * twilio-node 5.0 against the 2010-04-01 API (twilio.com/api.json, twilio-oai 1.55). Twilio has no
 * base-URL option; its documented way to reach a mock (Twilio's own Prism guide) is the `httpClient`
 * option: a client that replaces `https://api.twilio.com` with the mock's URL and hands the request to
 * Twilio's own RequestClient. That is all this one does (plus `Prefer` when the flow asks for a 404);
 * a next-page link to another host is not rewritten, as in Twilio's guide.
 */
export const twilioFlow: ClientFlow = {
  name: 'twilio',
  packages: { twilio: '5.0.0' },
  spec: corpusSpec('twilio.com/api.json'),
  specLabel: 'twilio.com/api.json (2010-04-01)',
  base: 'path',
  resources: true,
  async run(t) {
    const twilio = loadSdk<Loose>('twilio');
    const inner = new twilio.RequestClient();
    let extra: Record<string, string> = {};
    const httpClient = {
      request: (opts: Loose) =>
        inner.request({
          ...opts,
          uri: String(opts.uri).replace(/^https:\/\/api\.twilio\.com/, t.target.base),
          headers: { ...opts.headers, ...extra },
        }),
    };
    const client = twilio(SID, 'auth_token', { httpClient, accountSid: SID });
    const RestException = loadSdk<Loose>('twilio/lib/base/RestException').default;
    const isRestException = (status: number) => (e: Loose) =>
      e instanceof RestException && e.status === status;

    const message = await t.ok(
      'messages.create (form body)',
      () => client.messages.create({ to: '+15558675310', from: '+15017122661', body: 'Hello' }),
      check('a sid', 'sdk type', (m) => typeof m.sid === 'string'),
      check('body reflected', 'realism', (m) => m.body === 'Hello'),
      check('to reflected', 'realism', (m) => m.to === '+15558675310'),
    );
    const sid: string = message?.sid ?? 'SM00000000000000000000000000000000';
    await t.ok(
      'messages(sid).fetch',
      () => client.messages(sid).fetch(),
      check('sid echoes', 'realism', (m) => m.sid === sid),
      check('created body reads back', 'sandbox inference', (m) => m.body === 'Hello'),
    );
    await t.ok(
      'messages(sid).update (redact)',
      () => client.messages(sid).update({ body: '' }),
      check('sid echoes', 'realism', (m) => m.sid === sid),
      check('body reflected', 'realism', (m) => m.body === ''),
    );
    await t.ok(
      'messages(sid).fetch after update',
      () => client.messages(sid).fetch(),
      check('updated body reads back', 'sandbox inference', (m) => m.body === ''),
    );
    await t.ok(
      'messages.page',
      () => client.messages.page({ pageSize: 5 }),
      check('instances', 'sdk type', (p) => Array.isArray(p.instances)),
      check('at most the page size', 'realism', (p) => p.instances.length <= 5),
    );
    await t.ok(
      'messages.list to the end (next_page_uri)',
      () => client.messages.list({ pageSize: 5, limit: 100 }),
      check('ends before the 100-item bound', 'pagination', (l) => l.length < 100),
      check('lists the created message', 'sandbox inference', (l) => l.some((m: Loose) => m.sid === sid)),
    );
    const call = await t.ok(
      'calls.create',
      () =>
        client.calls.create({
          to: '+15558675310',
          from: '+15017122661',
          url: 'http://demo.twilio.com/docs/voice.xml',
        }),
      check('to reflected', 'realism', (c) => c.to === '+15558675310'),
    );
    const callSid: string = call?.sid ?? 'CA00000000000000000000000000000000';
    await t.ok(
      'calls(sid).fetch',
      () => client.calls(callSid).fetch(),
      check('sid echoes', 'realism', (c) => c.sid === callSid),
    );
    await t.ok(
      'calls(sid).update (hang up)',
      () => client.calls(callSid).update({ status: 'completed' }),
      check('status reflected', 'realism', (c) => c.status === 'completed'),
    );
    await t.ok(
      'calls.list',
      () => client.calls.list({ limit: 10 }),
      check('an array', 'sdk type', (l) => Array.isArray(l)),
    );
    await t.ok(
      'api.v2010.accounts(sid).fetch',
      () => client.api.v2010.accounts(SID).fetch(),
      check('sid echoes', 'realism', (a) => a.sid === SID),
    );
    await t.ok(
      'incomingPhoneNumbers.list',
      () => client.incomingPhoneNumbers.list({ limit: 10 }),
      check('an array', 'sdk type', (l) => Array.isArray(l)),
    );
    await t.ok(
      'messages(sid).remove',
      () => client.messages(sid).remove(),
      check('true', 'sdk type', (r) => r === true),
    );
    if (t.sandbox)
      await t.fails(
        'messages(sid).fetch after remove → 404',
        () => client.messages(sid).fetch(),
        isRestException(404),
      );
    extra = t.prefer404;
    await t.fails(
      'messages(unknown).fetch → RestException 404',
      () => client.messages('SM11111111111111111111111111111111').fetch(),
      isRestException(404),
      check('a Twilio error code', 'error shape', (e) => typeof e.code === 'number'),
    );
    extra = {};
    await t.fails(
      'messages.create with MaxPrice=abc → RestException 400',
      () => client.messages.create({ to: '+15558675310', from: '+15017122661', body: 'x', maxPrice: 'abc' }),
      (e) => e instanceof RestException && e.status >= 400 && e.status < 500,
      check(
        'a Twilio error message',
        'error shape',
        (e) => typeof e.message === 'string' && e.message.length > 0,
      ),
    );
  },
};
