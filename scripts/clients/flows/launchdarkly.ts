import { check, type ClientFlow, type Loose } from '../flow';
import { loadSdk } from '../install-sdks';
import { corpusSpec } from '../specs';

/**
 * launchdarkly-api-typescript 17 (openapi-generator's typescript-axios, the kind of client a team
 * generates for itself) against launchdarkly.com.json (API v2): `Configuration.basePath` replaces
 * `https://app.launchdarkly.com`, and the client writes `/api/v2` into every path itself.
 */
export const launchdarklyFlow: ClientFlow = {
  name: 'launchdarkly-api-typescript',
  packages: { 'launchdarkly-api-typescript': '17.2.0' },
  spec: corpusSpec('launchdarkly.com.json'),
  specLabel: 'launchdarkly.com.json',
  base: 'path',
  resources: true,
  async run(t) {
    const ld = loadSdk<Loose>('launchdarkly-api-typescript');
    const config = new ld.Configuration({
      apiKey: 'api-specmock',
      basePath: t.target.base.replace(/\/$/, ''),
    });
    const projects = new ld.ProjectsApi(config);
    const flags = new ld.FeatureFlagsApi(config);
    const isStatus = (status: number) => (e: Loose) =>
      e?.isAxiosError === true && e.response?.status === status;

    const project = await t.ok(
      'projects.postProject',
      () => projects.postProject({ name: 'Checkout', key: 'checkout' }),
      check('key reflected', 'realism', (r) => r.data.key === 'checkout'),
      check('name reflected', 'realism', (r) => r.data.name === 'Checkout'),
    );
    const projectKey: string = project?.data?.key ?? 'checkout';
    await t.ok(
      'projects.getProject',
      () => projects.getProject(projectKey),
      check('key echoes', 'realism', (r) => r.data.key === projectKey),
      check('created name reads back', 'sandbox inference', (r) => r.data.name === 'Checkout'),
    );
    const flag = await t.ok(
      'featureFlags.postFeatureFlag',
      // A JSON flag: the description requires `variations` and types a variation's value as an object.
      () =>
        flags.postFeatureFlag(projectKey, {
          name: 'New checkout',
          key: 'new-checkout',
          variations: [{ value: { enabled: true } }, { value: { enabled: false } }],
        }),
      check('key reflected', 'realism', (r) => r.data.key === 'new-checkout'),
      check('name reflected', 'realism', (r) => r.data.name === 'New checkout'),
    );
    const flagKey: string = flag?.data?.key ?? 'new-checkout';
    await t.ok(
      'featureFlags.getFeatureFlag',
      () => flags.getFeatureFlag(projectKey, flagKey),
      check('key echoes', 'realism', (r) => r.data.key === flagKey),
      check('created name reads back', 'sandbox inference', (r) => r.data.name === 'New checkout'),
    );
    await t.ok(
      'featureFlags.getFeatureFlags',
      () => flags.getFeatureFlags(projectKey, undefined, undefined, 5),
      check('items', 'sdk type', (r) => Array.isArray(r.data.items)),
      check('at most the limit', 'realism', (r) => r.data.items.length <= 5),
      check(
        'distinct keys',
        'realism',
        (r) => new Set(r.data.items.map((f: Loose) => f.key)).size === r.data.items.length,
      ),
      check('lists the created flag', 'sandbox inference', (r) =>
        r.data.items.some((f: Loose) => f.key === flagKey),
      ),
    );
    await t.ok('featureFlags.deleteFeatureFlag', () => flags.deleteFeatureFlag(projectKey, flagKey));
    if (t.sandbox)
      await t.fails(
        'featureFlags.getFeatureFlag after delete → 404',
        () => flags.getFeatureFlag(projectKey, flagKey),
        isStatus(404),
      );
    await t.fails(
      'featureFlags.getFeatureFlag of an unknown key → 404',
      () => flags.getFeatureFlag(projectKey, 'no-such-flag', undefined, undefined, { headers: t.prefer404 }),
      isStatus(404),
    );
  },
};
