import { check, type ClientFlow, type Loose } from '../flow';
import { loadSdk } from '../install-sdks';
import { corpusSpec } from '../specs';

/**
 * @netlify/api 15 (its methods built at load from Netlify's own description) against
 * netlify.com.json: `scheme`, `host` and `pathPrefix` replace `https://api.netlify.com/api/v1`.
 */
export const netlifyFlow: ClientFlow = {
  name: '@netlify/api',
  packages: { '@netlify/api': '15.1.2' },
  spec: corpusSpec('netlify.com.json'),
  specLabel: 'netlify.com.json',
  base: 'path',
  resources: true,
  async run(t) {
    const { NetlifyAPI } = loadSdk<Loose>('@netlify/api');
    const base = new URL(t.target.base);
    const api = new NetlifyAPI('specmock-token', {
      scheme: base.protocol.slice(0, -1),
      host: base.host,
      pathPrefix: base.pathname.replace(/\/$/, ''),
    });
    const isStatus = (status: number) => (e: Loose) => e?.status === status && e?.name === 'JSONHTTPError';

    // The description (and the SDK's own) answers the current user as a list of users.
    await t.ok(
      'getCurrentUser',
      () => api.getCurrentUser(),
      check('users with an id', 'sdk type', (l) => l.every((u: Loose) => typeof u.id === 'string')),
      check('an email', 'realism', (l) => l.every((u: Loose) => /^[^@\s]+@[^@\s]+\.[a-z]+$/i.test(u.email))),
    );
    const site = await t.ok(
      'createSite',
      () => api.createSite({ body: { name: 'specmock-docs', custom_domain: 'docs.example.com' } }),
      check('an id', 'sdk type', (s) => typeof s.id === 'string'),
      check('name reflected', 'realism', (s) => s.name === 'specmock-docs'),
      check('custom_domain reflected', 'realism', (s) => s.custom_domain === 'docs.example.com'),
    );
    const siteId: string = site?.id ?? '3970e0fe-8564-4903-9a55-c5f8de49fb8b';
    await t.ok(
      'getSite',
      () => api.getSite({ site_id: siteId }),
      check('id echoes', 'realism', (s) => s.id === siteId),
      check('created name reads back', 'sandbox inference', (s) => s.name === 'specmock-docs'),
    );
    await t.ok(
      'updateSite',
      () => api.updateSite({ site_id: siteId, body: { name: 'specmock-handbook' } }),
      check('name reflected', 'realism', (s) => s.name === 'specmock-handbook'),
    );
    await t.ok(
      'getSite after update',
      () => api.getSite({ site_id: siteId }),
      check('updated name reads back', 'sandbox inference', (s) => s.name === 'specmock-handbook'),
    );
    await t.ok(
      'listSites',
      () => api.listSites({ filter: 'all', per_page: 5 }),
      check('a list', 'sdk type', (l) => Array.isArray(l)),
      check('at most per_page', 'realism', (l) => l.length <= 5),
      check('distinct ids', 'realism', (l) => new Set(l.map((s: Loose) => s.id)).size === l.length),
      check('lists the created site', 'sandbox inference', (l) => l.some((s: Loose) => s.id === siteId)),
    );
    await t.ok(
      'listSites page by page to an empty page',
      async () => {
        for (let page = 1; page <= 20; page++)
          if ((await api.listSites({ per_page: 5, page })).length === 0) return page;
        return 21;
      },
      check('ends within 20 pages', 'pagination', (pages) => pages <= 20),
    );
    const hook = await t.ok(
      'createSiteBuildHook',
      () => api.createSiteBuildHook({ site_id: siteId, body: { title: 'CMS publish', branch: 'main' } }),
      check('title reflected', 'realism', (h) => h.title === 'CMS publish'),
      check('branch reflected', 'realism', (h) => h.branch === 'main'),
      check('a hook url', 'realism', (h) => /^https?:\/\//.test(h.url)),
    );
    await t.ok(
      'listSiteBuildHooks',
      () => api.listSiteBuildHooks({ site_id: siteId }),
      check('a list', 'sdk type', (l) => Array.isArray(l)),
      check('lists the created hook', 'sandbox inference', (l) => l.some((h: Loose) => h.id === hook?.id)),
    );
    await t.ok(
      'listSiteDeploys',
      () => api.listSiteDeploys({ site_id: siteId, per_page: 5 }),
      check('a list', 'sdk type', (l) => Array.isArray(l)),
      check('deploys of this site', 'realism', (l) => l.every((d: Loose) => d.site_id === siteId)),
    );
    await t.ok(
      'listAccountsForUser',
      () => api.listAccountsForUser(),
      check('a list', 'sdk type', (l) => Array.isArray(l)),
    );
    await t.ok('deleteSite', () => api.deleteSite({ site_id: siteId }));
    if (t.sandbox)
      await t.fails(
        'getSite after delete → JSONHTTPError 404',
        () => api.getSite({ site_id: siteId }),
        isStatus(404),
      );
    await t.fails(
      'getSite of an unknown id → JSONHTTPError 404',
      () => api.getSite({ site_id: 'no-such-site' }, { headers: t.prefer404 }),
      isStatus(404),
      check('message', 'error shape', (e) => typeof e.json?.message === 'string'),
    );
  },
};
