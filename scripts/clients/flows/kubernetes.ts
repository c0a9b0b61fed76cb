import { check, type ClientFlow, type Loose } from '../flow';
import { loadSdk } from '../install-sdks';
import { corpusSpec } from '../specs';

/**
 * @kubernetes/client-node 2 (the official client, generated) against kubernetes.io.json: the
 * kubeconfig's cluster `server` is the mock's URL. Its PATCH sends JSON Patch (RFC 6902) where the
 * description says every PATCH body is an object, and every object names its `kind` and
 * `apiVersion`. In a sandbox, an object is found by its `metadata.name`.
 */
export const kubernetesFlow: ClientFlow = {
  name: '@kubernetes/client-node',
  packages: { '@kubernetes/client-node': '2.0.1' },
  spec: corpusSpec('kubernetes.io.json'),
  specLabel: 'kubernetes.io.json',
  base: 'path',
  resources: true,
  async run(t) {
    const k8s = loadSdk<Loose>('@kubernetes/client-node');
    const kc = new k8s.KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'mock', server: t.target.base.replace(/\/$/, ''), skipTLSVerify: true }],
      users: [{ name: 'ci', token: 'specmock' }],
      contexts: [{ name: 'mock', cluster: 'mock', user: 'ci' }],
      currentContext: 'mock',
    });
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const apps = kc.makeApiClient(k8s.AppsV1Api);
    const namespace = 'default';
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
    };
    // A call-time middleware is the client's own way to add a header to one request; the
    // generated API it reaches chains middleware as its own observables (`toPromise`).
    const prefer404 = {
      middleware: [
        {
          pre: (ctx: Loose) => {
            ctx.setHeaderParam('Prefer', 'code=404');
            return { toPromise: async () => ctx };
          },
          post: (response: Loose) => ({ toPromise: async () => response }),
        },
      ],
      middlewareMergeStrategy: 'append',
    };

    await t.ok(
      'listNamespace',
      () => core.listNamespace(),
      check('a list of namespaces', 'sdk type', (r) => Array.isArray(r.items)),
      check('kind NamespaceList', 'realism', (r) => r.kind === 'NamespaceList' && r.apiVersion === 'v1'),
    );
    await t.ok(
      'createNamespacedPod',
      () => core.createNamespacedPod({ namespace, body: pod }),
      check('name reflected', 'realism', (r) => r.metadata?.name === 'web'),
      check('kind Pod, apiVersion v1', 'realism', (r) => r.kind === 'Pod' && r.apiVersion === 'v1'),
    );
    await t.ok(
      'readNamespacedPod',
      () => core.readNamespacedPod({ name: 'web', namespace }),
      check('kind Pod', 'realism', (r) => r.kind === 'Pod'),
      check('containers are a list', 'sdk type', (r) => Array.isArray(r.spec?.containers)),
      check('created labels read back', 'sandbox inference', (r) => r.metadata?.labels?.app === 'web'),
    );
    await t.ok('patchNamespacedPod (JSON Patch)', () =>
      core.patchNamespacedPod({
        name: 'web',
        namespace,
        body: [{ op: 'replace', path: '/metadata/labels/app', value: 'web2' }],
      }),
    );
    await t.ok(
      'readNamespacedPod after the patch',
      () => core.readNamespacedPod({ name: 'web', namespace }),
      check('patched label reads back', 'sandbox inference', (r) => r.metadata?.labels?.app === 'web2'),
    );
    await t.ok(
      'listNamespacedPod (limit)',
      () => core.listNamespacedPod({ namespace, limit: 3 }),
      check('kind PodList', 'realism', (r) => r.kind === 'PodList'),
      check('items are Pods', 'realism', (r) => r.items.every((p: Loose) => p.kind === 'Pod')),
      check('lists the created pod', 'sandbox inference', (r) =>
        r.items.some((p: Loose) => p.metadata?.name === 'web'),
      ),
    );
    await t.ok('deleteNamespacedPod', () => core.deleteNamespacedPod({ name: 'web', namespace }));
    if (t.sandbox)
      await t.fails(
        'readNamespacedPod after delete → ApiException 404',
        () => core.readNamespacedPod({ name: 'web', namespace }),
        (e) => e instanceof k8s.ApiException && e.code === 404,
      );
    await t.ok(
      'createNamespacedDeployment',
      () =>
        apps.createNamespacedDeployment({
          namespace,
          body: {
            metadata: { name: 'api' },
            spec: {
              replicas: 2,
              selector: { matchLabels: { app: 'api' } },
              template: {
                metadata: { labels: { app: 'api' } },
                spec: { containers: [{ name: 'api', image: 'ghcr.io/example/api:1' }] },
              },
            },
          },
        }),
      check(
        'kind Deployment, apiVersion apps/v1',
        'realism',
        (r) => r.kind === 'Deployment' && r.apiVersion === 'apps/v1',
      ),
      check('replicas reflected', 'realism', (r) => r.spec?.replicas === 2),
    );
    await t.ok(
      'readNamespacedPodLog (text/plain)',
      () => core.readNamespacedPodLog({ name: 'web', namespace }),
      check('text', 'sdk type', (r) => typeof r === 'string'),
    );
    await t.fails(
      'readNamespacedPod of an unknown pod → ApiException 404',
      () => core.readNamespacedPod({ name: 'missing', namespace }, prefer404),
      (e) => e instanceof k8s.ApiException && e.code === 404,
    );
  },
};
