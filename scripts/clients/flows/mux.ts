import { check, type ClientFlow, type Loose } from '../flow';
import { loadSdk } from '../install-sdks';
import { corpusSpec } from '../specs';

/** @mux/mux-node 8 (Stainless) against mux.com.json (v1): `baseURL` replaces `https://api.mux.com`. */
export const muxFlow: ClientFlow = {
  name: '@mux/mux-node',
  packages: { '@mux/mux-node': '8.8.0' },
  spec: corpusSpec('mux.com.json'),
  specLabel: 'mux.com.json',
  base: 'path',
  resources: true,
  async run(t) {
    const Mux = loadSdk<Loose>('@mux/mux-node').default;
    const mux = new Mux({ tokenId: 'id', tokenSecret: 'secret', baseURL: t.target.base, maxRetries: 0 });
    const input = 'https://storage.example.com/video.mp4';

    const asset = await t.ok(
      'video.assets.create',
      () =>
        mux.video.assets.create({
          input: [{ url: input }],
          playback_policy: ['public'],
          passthrough: 'order-42',
        }),
      check('an id', 'sdk type', (a) => typeof a.id === 'string'),
      check('passthrough reflected', 'realism', (a) => a.passthrough === 'order-42'),
    );
    const id: string = asset?.id ?? 'asset-specmock';
    await t.ok(
      'video.assets.retrieve',
      () => mux.video.assets.retrieve(id),
      check('id echoes', 'realism', (a) => a.id === id),
      check('created passthrough reads back', 'sandbox inference', (a) => a.passthrough === 'order-42'),
    );
    await t.ok(
      'video.assets.update',
      () => mux.video.assets.update(id, { passthrough: 'order-43' }),
      check('passthrough reflected', 'realism', (a) => a.passthrough === 'order-43'),
    );
    await t.ok(
      'video.assets.retrieve after update',
      () => mux.video.assets.retrieve(id),
      check('updated passthrough reads back', 'sandbox inference', (a) => a.passthrough === 'order-43'),
    );
    await t.ok(
      'video.assets.list',
      () => mux.video.assets.list({ limit: 5 }),
      check('a page', 'sdk type', (p) => Array.isArray(p.data)),
      check('at most the page size', 'realism', (p) => p.data.length <= 5),
      check('lists the created asset', 'sandbox inference', (p) => p.data.some((a: Loose) => a.id === id)),
    );
    await t.ok(
      'video.assets.list auto-pagination to the end',
      async () => {
        const seen: string[] = [];
        for await (const a of mux.video.assets.list({ limit: 5 })) if (seen.push(a.id) >= 100) break;
        return seen;
      },
      check('ends within 20 pages', 'pagination', (l) => l.length < 100),
    );
    await t.ok(
      'video.assets.createPlaybackId',
      () => mux.video.assets.createPlaybackId(id, { policy: 'signed' }),
      check('policy reflected', 'realism', (p) => p.policy === 'signed'),
    );
    const stream = await t.ok(
      'video.liveStreams.create',
      () =>
        mux.video.liveStreams.create({
          playback_policy: ['public'],
          new_asset_settings: { playback_policy: ['public'] },
        }),
      check('an id', 'sdk type', (s) => typeof s.id === 'string'),
    );
    const streamId: string = stream?.id ?? 'stream-specmock';
    await t.ok(
      'video.liveStreams.retrieve',
      () => mux.video.liveStreams.retrieve(streamId),
      check('id echoes', 'realism', (s) => s.id === streamId),
    );
    await t.ok('video.liveStreams.disable', () => mux.video.liveStreams.disable(streamId));
    await t.ok(
      'video.liveStreams.list',
      () => mux.video.liveStreams.list({ limit: 5 }),
      check('a page', 'sdk type', (p) => Array.isArray(p.data)),
    );
    await t.ok('video.liveStreams.delete', () => mux.video.liveStreams.delete(streamId));
    const upload = await t.ok(
      'video.uploads.create',
      () =>
        mux.video.uploads.create({
          cors_origin: 'https://example.com',
          new_asset_settings: { playback_policy: ['public'] },
        }),
      check('cors_origin reflected', 'realism', (u) => u.cors_origin === 'https://example.com'),
    );
    await t.ok(
      'video.uploads.retrieve',
      () => mux.video.uploads.retrieve(upload?.id ?? 'upload-specmock'),
      check('id echoes', 'realism', (u) => u.id === (upload?.id ?? 'upload-specmock')),
    );
    await t.ok('video.assets.delete', () => mux.video.assets.delete(id));
    if (t.sandbox)
      await t.fails(
        'video.assets.retrieve after delete → NotFoundError',
        () => mux.video.assets.retrieve(id),
        (e) => e instanceof Mux.NotFoundError,
      );
    await t.fails(
      'video.assets.retrieve of an unknown id → NotFoundError',
      () => mux.video.assets.retrieve('unknown-asset', { headers: t.prefer404 }),
      (e) => e instanceof Mux.NotFoundError,
      check('error.messages', 'error shape', (e) => Array.isArray(e.error?.error?.messages)),
    );
    await t.fails(
      'video.assets.create with a wrong type → BadRequestError',
      () => mux.video.assets.create({ input: 'not-a-list' }),
      (e) => e instanceof Mux.APIError && e.status >= 400 && e.status < 500,
      check('error.messages', 'error shape', (e) => Array.isArray(e.error?.error?.messages)),
    );
  },
};
