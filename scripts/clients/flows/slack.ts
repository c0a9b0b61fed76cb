import { check, type ClientFlow, type Loose } from '../flow';
import { loadSdk } from '../install-sdks';
import { corpusSpec } from '../specs';

/**
 * @slack/web-api 7 against slack.com.json (1.7.0): `slackApiUrl` replaces `https://slack.com/api/`.
 * Slack's Web API is RPC over form posts (no resource paths a sandbox could infer).
 */
export const slackFlow: ClientFlow = {
  name: '@slack/web-api',
  packages: { '@slack/web-api': '7.9.3' },
  spec: corpusSpec('slack.com.json'),
  specLabel: 'slack.com.json',
  base: 'path',
  resources: false,
  async run(t) {
    const { WebClient, ErrorCode, LogLevel } = loadSdk<Loose>('@slack/web-api');
    const options = {
      slackApiUrl: `${t.target.base}/`,
      retryConfig: { retries: 0 },
      logLevel: LogLevel.ERROR,
    };
    const slack = new WebClient('xoxb-specmock', options);
    const isSlackError = (e: Loose) => e?.code === ErrorCode.PlatformError || e?.code === ErrorCode.HTTPError;

    await t.ok(
      'auth.test',
      () => slack.auth.test(),
      check('ok: true', 'realism', (r) => r.ok === true),
    );
    const created = await t.ok(
      'conversations.create',
      () => slack.conversations.create({ name: 'specmock-demo' }),
      check('name reflected', 'realism', (r) => r.channel?.name === 'specmock-demo'),
    );
    const channel: string = created?.channel?.id ?? 'C012AB3CD';
    await t.ok(
      'conversations.info',
      () => slack.conversations.info({ channel }),
      check('id echoes', 'realism', (r) => r.channel?.id === channel),
    );
    await t.ok(
      'conversations.rename',
      () => slack.conversations.rename({ channel, name: 'specmock-renamed' }),
      check('name reflected', 'realism', (r) => r.channel?.name === 'specmock-renamed'),
    );
    await t.ok(
      'conversations.setTopic',
      () => slack.conversations.setTopic({ channel, topic: 'Mocks' }),
      check('ok: true', 'realism', (r) => r.ok === true),
    );
    await t.ok(
      'conversations.list',
      () => slack.conversations.list({ limit: 5 }),
      check('channels', 'sdk type', (r) => Array.isArray(r.channels)),
    );
    await t.ok(
      'paginate conversations.list to the end (next_cursor)',
      async () => {
        let pages = 0;
        for await (const _page of slack.paginate('conversations.list', { limit: 5 }))
          if (++pages >= 20) return { pages, ended: false };
        return { pages, ended: true };
      },
      check('ends within 20 pages', 'pagination', (r) => r.ended),
    );
    const posted = await t.ok(
      'chat.postMessage (form body)',
      () => slack.chat.postMessage({ channel, text: 'Hello from a mock' }),
      check('ts is set', 'sdk type', (r) => typeof r.ts === 'string'),
      check('channel echoes', 'realism', (r) => r.channel === channel),
    );
    const ts: string = posted?.ts ?? '1503435956.000247';
    await t.ok(
      'chat.update',
      () => slack.chat.update({ channel, ts, text: 'Edited' }),
      check('ts echoes', 'realism', (r) => r.ts === ts),
    );
    await t.ok(
      'conversations.history',
      () => slack.conversations.history({ channel, limit: 5 }),
      check('messages', 'sdk type', (r) => Array.isArray(r.messages)),
    );
    await t.ok('reactions.add', () => slack.reactions.add({ channel, timestamp: ts, name: 'thumbsup' }));
    await t.ok(
      'chat.delete',
      () => slack.chat.delete({ channel, ts }),
      check('ts echoes', 'realism', (r) => r.ts === ts),
    );
    await t.ok(
      'users.info',
      () => slack.users.info({ user: 'U012AB3CD' }),
      check('id echoes', 'realism', (r) => r.user?.id === 'U012AB3CD'),
    );
    await t.ok(
      'paginate users.list to the end',
      async () => {
        let pages = 0;
        for await (const _page of slack.paginate('users.list', { limit: 5 }))
          if (++pages >= 20) return { ended: false };
        return { ended: true };
      },
      check('ends within 20 pages', 'pagination', (r) => r.ended),
    );
    await t.ok('conversations.archive', () => slack.conversations.archive({ channel }));
    const asking = new WebClient('xoxb-specmock', { ...options, headers: t.prefer404 });
    await t.fails(
      'conversations.info of an unknown channel → Slack error',
      () => asking.conversations.info({ channel: 'C_UNKNOWN' }),
      isSlackError,
      check(
        'a platform error with ok: false',
        'error shape',
        (e) => e.code === ErrorCode.PlatformError && e.data?.ok === false,
      ),
    );
    await t.fails(
      'chat.postMessage without a channel → Slack error',
      () => slack.apiCall('chat.postMessage', { text: 'nowhere' }),
      isSlackError,
      check('a platform error with an error code', 'error shape', (e) => typeof e.data?.error === 'string'),
    );
  },
};
