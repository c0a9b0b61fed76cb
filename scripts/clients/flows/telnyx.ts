import { check, type ClientFlow, type Loose } from '../flow';
import { loadSdk } from '../install-sdks';
import { corpusSpec } from '../specs';

/**
 * telnyx 7 (the official Node SDK, Stainless) against telnyx.com.json (v2): `baseURL` replaces
 * `https://api.telnyx.com/v2`. Resources come wrapped (`{"data": {…}}`) and are sent bare; lists
 * page with `page[number]`/`page[size]` and `meta.total_pages`.
 */
export const telnyxFlow: ClientFlow = {
  name: 'telnyx',
  packages: { telnyx: '7.24.0' },
  spec: corpusSpec('telnyx.com.json'),
  specLabel: 'telnyx.com.json',
  base: 'path',
  resources: true,
  async run(t) {
    const Telnyx = loadSdk<Loose>('telnyx');
    const telnyx = new Telnyx({ apiKey: 'KEY_specmock', baseURL: t.target.base, maxRetries: 0 });
    const headers = t.prefer404;

    await t.ok(
      'messages.send',
      () => telnyx.messages.send({ from: '+18445550001', to: '+18445550002', text: 'Hello from the mock' }),
      check('a message id', 'sdk type', (r) => typeof r.data?.id === 'string'),
      check('text reflected', 'realism', (r) => r.data.text === 'Hello from the mock'),
    );
    const profile = await t.ok(
      'messagingProfiles.create (sent bare, answered in data)',
      () => telnyx.messagingProfiles.create({ name: 'Summer campaign', whitelisted_destinations: ['US'] }),
      check('an id', 'sdk type', (r) => typeof r.data?.id === 'string'),
      check('name reflected', 'realism', (r) => r.data.name === 'Summer campaign'),
    );
    const id: string = profile?.data?.id ?? '3fa85f64-5717-4562-b3fc-2c963f66afa6';
    await t.ok(
      'messagingProfiles.retrieve',
      () => telnyx.messagingProfiles.retrieve(id),
      check('id echoes', 'realism', (r) => r.data.id === id),
      check('created name reads back', 'sandbox inference', (r) => r.data.name === 'Summer campaign'),
    );
    await t.ok(
      'messagingProfiles.update',
      () => telnyx.messagingProfiles.update(id, { name: 'Winter campaign' }),
      check('name reflected', 'realism', (r) => r.data.name === 'Winter campaign'),
    );
    await t.ok(
      'messagingProfiles.list, every page (page[number], meta.total_pages)',
      async () => {
        const seen: Loose[] = [];
        for await (const p of telnyx.messagingProfiles.list({ page: { size: 2 } }))
          if (seen.push(p) >= 100) break;
        return seen;
      },
      check('the pages end', 'pagination', (all) => all.length < 100),
      check('lists the updated profile', 'sandbox inference', (all) =>
        all.some((p: Loose) => p.id === id && p.name === 'Winter campaign'),
      ),
    );
    await t.ok('messagingProfiles.delete', () => telnyx.messagingProfiles.delete(id));
    if (t.sandbox)
      await t.fails(
        'messagingProfiles.retrieve after delete → NotFoundError',
        () => telnyx.messagingProfiles.retrieve(id),
        (e) => e instanceof Telnyx.NotFoundError,
      );
    await t.ok(
      'phoneNumbers.list (page[size])',
      () => telnyx.phoneNumbers.list({ page: { size: 5 } }),
      check('at most page[size]', 'realism', (p) => p.data.length <= 5),
    );
    await t.ok(
      'calls.dial',
      () =>
        telnyx.calls.dial({ connection_id: '7267xxxxxxxxxxxxxx', from: '+18005550101', to: '+18005550100' }),
      check('a call control id', 'sdk type', (r) => typeof r.data?.call_control_id === 'string'),
    );
    await t.ok(
      'balance.retrieve',
      () => telnyx.balance.retrieve(),
      check('a currency', 'realism', (r) => /^[A-Z]{3}$/.test(r.data.currency)),
    );
    await t.fails(
      'messagingProfiles.retrieve of an unknown id → NotFoundError',
      () => telnyx.messagingProfiles.retrieve('00000000-0000-4000-8000-000000000000', { headers }),
      (e) => e instanceof Telnyx.NotFoundError,
      check('errors[].detail', 'error shape', (e) =>
        e.error.errors.every((x: Loose) => typeof x.detail === 'string'),
      ),
    );
  },
};
