import { check, type ClientFlow, type Loose } from '../flow';
import { loadSdk } from '../install-sdks';
import { corpusSpec } from '../specs';

/**
 * box-typescript-sdk-gen 1 (generated from Box's own description; it deserializes every member
 * by its schema and refuses an unknown `type`) against box.com.json: `withCustomBaseUrls` replaces
 * `https://api.box.com`, and the SDK writes `/2.0` into every path itself.
 */
export const boxFlow: ClientFlow = {
  name: 'box-typescript-sdk-gen',
  packages: { 'box-typescript-sdk-gen': '1.19.1' },
  spec: corpusSpec('box.com.json'),
  specLabel: 'box.com.json',
  base: 'path',
  resources: true,
  async run(t) {
    const box = loadSdk<Loose>('box-typescript-sdk-gen');
    const base = t.target.base.replace(/\/$/, '');
    const client = new box.BoxClient({
      auth: new box.BoxDeveloperTokenAuth({ token: 'specmock' }),
    }).withCustomBaseUrls({ baseUrl: base, uploadUrl: base, oauth2Url: `${base}/oauth2` });
    // BoxApiError is not exported: it is the error with the response's status and body.
    const isStatus = (status: number) => (e: Loose) =>
      e?.name === 'BoxApiError' && e.responseInfo?.statusCode === status;

    await t.ok(
      'users.getUserMe',
      () => client.users.getUserMe(),
      check('a user', 'sdk type', (u) => u.type === 'user' && typeof u.id === 'string'),
      check('a login email', 'realism', (u) => /^[^@\s]+@[^@\s]+\.[a-z]+$/i.test(u.login)),
    );
    const folder = await t.ok(
      'folders.createFolder',
      () => client.folders.createFolder({ name: 'Quarterly reports', parent: { id: '0' } }),
      check('a folder', 'sdk type', (f) => f.type === 'folder' && typeof f.id === 'string'),
      check('name reflected', 'realism', (f) => f.name === 'Quarterly reports'),
      check('parent reflected', 'realism', (f) => f.parent?.id === '0'),
    );
    const id: string = folder?.id ?? '12345';
    await t.ok(
      'folders.getFolderById',
      () => client.folders.getFolderById(id),
      check('id echoes', 'realism', (f) => f.id === id),
      check('created name reads back', 'sandbox inference', (f) => f.name === 'Quarterly reports'),
    );
    await t.ok(
      'folders.updateFolderById',
      () => client.folders.updateFolderById(id, { requestBody: { name: 'Annual reports' } }),
      check('name reflected', 'realism', (f) => f.name === 'Annual reports'),
    );
    await t.ok(
      'folders.getFolderById after update',
      () => client.folders.getFolderById(id),
      check('updated name reads back', 'sandbox inference', (f) => f.name === 'Annual reports'),
    );
    await t.ok(
      'folders.getFolderItems',
      () => client.folders.getFolderItems('0', { queryParams: { limit: 5 } }),
      check('entries', 'sdk type', (i) => Array.isArray(i.entries)),
      check('at most the limit', 'realism', (i) => i.entries.length <= 5),
      check(
        'distinct ids',
        'realism',
        (i) => new Set(i.entries.map((e: Loose) => e.id)).size === i.entries.length,
      ),
    );
    await t.ok(
      'folders.getFolderItems to the end (offset, total_count)',
      async () => {
        let offset = 0;
        for (let n = 1; n <= 20; n++) {
          const page = await client.folders.getFolderItems('0', { queryParams: { limit: 5, offset } });
          offset += page.entries.length;
          if (page.entries.length === 0 || offset >= (page.totalCount ?? 0)) return n;
        }
        return 21;
      },
      check('ends within 20 pages', 'pagination', (pages) => pages <= 20),
    );
    await t.ok('folders.deleteFolderById', () => client.folders.deleteFolderById(id));
    if (t.sandbox)
      await t.fails(
        'folders.getFolderById after delete → BoxApiError 404',
        () => client.folders.getFolderById(id),
        isStatus(404),
      );
    await t.fails(
      'folders.getFolderById of an unknown id → BoxApiError 404',
      () => client.withExtraHeaders(t.prefer404).folders.getFolderById('999999'),
      isStatus(404),
      check('code not_found', 'error shape', (e) => e.responseInfo?.body?.code === 'not_found'),
      // The description's one example message for every error is "Method Not Allowed".
      check(
        'a message for this error',
        'realism',
        (e) => e.responseInfo?.body?.message !== 'Method Not Allowed',
      ),
    );
  },
};
