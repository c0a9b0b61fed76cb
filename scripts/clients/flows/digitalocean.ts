import { check, type ClientFlow, type Loose } from '../flow';
import { loadSdk } from '../install-sdks';
import { corpusSpec } from '../specs';

/**
 * @digitalocean/dots 1 (Kiota: request builders, a parse node per member) against
 * digitalocean.com.json: the request adapter's `baseUrl` replaces `https://api.digitalocean.com`.
 * Kiota raises an error body as the description's `error` model (`messageEscaped`, `responseStatusCode`).
 * No droplet calls: dots 1.19 reads a droplet's `features` and `tags` with
 * `getCollectionOfPrimitiveValues()` and no type, which the Kiota JSON parser it installs (preview.109)
 * refuses for any non-empty list ("unsupported type during deserialization undefined"), from the real
 * API as from a mock.
 */
export const digitaloceanFlow: ClientFlow = {
  name: '@digitalocean/dots',
  packages: { '@digitalocean/dots': '1.19.0' },
  spec: corpusSpec('digitalocean.com.json'),
  specLabel: 'digitalocean.com.json',
  base: 'path',
  resources: true,
  async run(t) {
    const dots = loadSdk<Loose>('@digitalocean/dots');
    const { FetchRequestAdapter } = loadSdk<Loose>('@microsoft/kiota-http-fetchlibrary');
    const adapter = new FetchRequestAdapter(new dots.DigitalOceanApiKeyAuthenticationProvider('specmock'));
    adapter.baseUrl = t.target.base.replace(/\/$/, '');
    const v2 = dots.createDigitalOceanClient(adapter).v2;
    const isStatus = (status: number) => (e: Loose) => e?.responseStatusCode === status;
    const prefer = (headers: Record<string, string>) => ({ headers });

    const key = await t.ok(
      'account.keys.post',
      () =>
        v2.account.keys.post({
          name: 'laptop',
          publicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI ada@laptop',
        }),
      check('an id', 'sdk type', (r) => typeof r.sshKey?.id === 'number'),
      check('name reflected', 'realism', (r) => r.sshKey.name === 'laptop'),
    );
    const keyId = String(key?.sshKey?.id ?? 512189);
    await t.ok(
      'account.keys.bySsh_key_identifier.put',
      () => v2.account.keys.bySsh_key_identifier(keyId).put({ name: 'workstation' }),
      check('name reflected', 'realism', (r) => r.sshKey.name === 'workstation'),
    );
    await t.ok(
      'account.keys.bySsh_key_identifier.get after update',
      () => v2.account.keys.bySsh_key_identifier(keyId).get(),
      check('updated name reads back', 'sandbox inference', (r) => r.sshKey.name === 'workstation'),
    );
    await t.ok(
      'domains.post',
      () => v2.domains.post({ name: 'example.com' }),
      check('name reflected', 'realism', (r) => r.domain.name === 'example.com'),
    );
    await t.ok(
      'account.get',
      () => v2.account.get(),
      check('an email', 'realism', (r) => /@/.test(r.account.email)),
    );
    await t.ok(
      'account.keys.get',
      () => v2.account.keys.get({ queryParameters: { perPage: 5 } }),
      check('a list', 'sdk type', (r) => Array.isArray(r.sshKeys)),
      check('at most per_page', 'realism', (r) => r.sshKeys.length <= 5),
      check(
        'distinct ids',
        'realism',
        (r) => new Set(r.sshKeys.map((k: Loose) => k.id)).size === r.sshKeys.length,
      ),
      check('lists the created key', 'sandbox inference', (r) =>
        r.sshKeys.some((k: Loose) => String(k.id) === keyId),
      ),
    );
    await t.ok('account.keys.bySsh_key_identifier.delete', () =>
      v2.account.keys.bySsh_key_identifier(keyId).delete(),
    );
    if (t.sandbox)
      await t.fails(
        'account.keys.bySsh_key_identifier.get after delete → error 404',
        () => v2.account.keys.bySsh_key_identifier(keyId).get(),
        isStatus(404),
      );
    await t.fails(
      'account.keys.bySsh_key_identifier.get of an unknown id → error 404',
      () => v2.account.keys.bySsh_key_identifier('999999999').get(prefer(t.prefer404)),
      isStatus(404),
      check('message', 'error shape', (e) => typeof e.messageEscaped === 'string'),
    );
  },
};
