import { check, type ClientFlow, type Loose } from '../flow';
import { loadSdk } from '../install-sdks';
import { corpusSpec } from '../specs';

const PAGE = 'b55c9c91-384d-452b-81db-d1ef79372b75';
const DB = 'd9824bdc-8445-4327-be8b-5b47500af6ce';
const BLOCK = 'c02fc1d3-db8b-45c5-a222-27595b15aea7';

/**
 * @notionhq/client 2.2 against notion.com.json (8 paths: pages, blocks, databases, users, comments;
 * no create path, so no resource a sandbox could hold). `baseUrl` replaces `https://api.notion.com`.
 */
export const notionFlow: ClientFlow = {
  name: '@notionhq/client',
  packages: { '@notionhq/client': '2.2.15' },
  spec: corpusSpec('notion.com.json'),
  specLabel: 'notion.com.json',
  base: 'path',
  resources: false,
  async run(t) {
    const notion_ = loadSdk<Loose>('@notionhq/client');
    const { Client, APIResponseError, iteratePaginatedAPI, isNotionClientError } = notion_;
    const notion = new Client({ auth: 'secret_specmock', baseUrl: t.target.base, logLevel: 'error' });
    const paginate = async (fn: Loose, args: Loose) => {
      const seen: Loose[] = [];
      for await (const item of iteratePaginatedAPI(fn, args)) if (seen.push(item) >= 200) break;
      return seen;
    };

    await t.ok(
      'pages.retrieve',
      () => notion.pages.retrieve({ page_id: PAGE }),
      check('object is page', 'realism', (p) => p.object === 'page'),
      check('id echoes', 'realism', (p) => p.id === PAGE),
    );
    await t.ok(
      'pages.update (archive)',
      () => notion.pages.update({ page_id: PAGE, archived: true }),
      check('archived reflected', 'realism', (p) => p.archived === true),
    );
    await t.ok(
      'pages.properties.retrieve',
      () => notion.pages.properties.retrieve({ page_id: PAGE, property_id: 'title' }),
      check('an object', 'sdk type', (p) => typeof p.object === 'string'),
    );
    await t.ok(
      'databases.retrieve',
      () => notion.databases.retrieve({ database_id: DB }),
      check('id echoes', 'realism', (d) => d.id === DB),
    );
    await t.ok(
      'databases.update',
      () => notion.databases.update({ database_id: DB, title: [{ text: { content: 'Tasks' } }] }),
      check(
        'title reflected',
        'realism',
        (d) => d.title?.[0]?.plain_text === 'Tasks' || d.title?.[0]?.text?.content === 'Tasks',
      ),
    );
    await t.ok(
      'databases.query',
      () => notion.databases.query({ database_id: DB, page_size: 5 }),
      check('a list', 'sdk type', (l) => l.object === 'list' && Array.isArray(l.results)),
      check('at most the page size', 'realism', (l) => l.results.length <= 5),
    );
    await t.ok(
      'databases.query to the end (iteratePaginatedAPI)',
      () => paginate(notion.databases.query, { database_id: DB, page_size: 5 }),
      check('ends before 200 rows', 'pagination', (l) => l.length < 200),
    );
    await t.ok(
      'blocks.retrieve',
      () => notion.blocks.retrieve({ block_id: BLOCK }),
      check('id echoes', 'realism', (b) => b.id === BLOCK),
    );
    await t.ok(
      'blocks.update',
      () =>
        notion.blocks.update({ block_id: BLOCK, paragraph: { rich_text: [{ text: { content: 'Hi' } }] } }),
      check('an object', 'sdk type', (b) => typeof b.object === 'string'),
    );
    await t.ok(
      'blocks.children.append',
      () =>
        notion.blocks.children.append({
          block_id: PAGE,
          children: [{ paragraph: { rich_text: [{ text: { content: 'New' } }] } }],
        }),
      check('a list', 'sdk type', (l) => Array.isArray(l.results)),
    );
    await t.ok(
      'blocks.children.list to the end (iteratePaginatedAPI)',
      () => paginate(notion.blocks.children.list, { block_id: PAGE, page_size: 10 }),
      check('ends before 200 blocks', 'pagination', (l) => l.length < 200),
    );
    await t.ok(
      'blocks.delete',
      () => notion.blocks.delete({ block_id: BLOCK }),
      check('archived', 'realism', (b) => b.archived === true),
    );
    await t.ok(
      'users.retrieve',
      () => notion.users.retrieve({ user_id: 'u1' }),
      check('id echoes', 'realism', (u) => u.id === 'u1'),
    );
    await t.ok(
      'comments.list',
      () => notion.comments.list({ block_id: PAGE }),
      check('a list', 'sdk type', (l) => Array.isArray(l.results)),
    );
    await t.fails(
      'pages.retrieve of an unknown page → APIResponseError object_not_found',
      () => notion.request({ path: `pages/${PAGE}`, method: 'get', query: t.query404 }),
      (e) => APIResponseError.isAPIResponseError(e) && e.status === 404,
      check('code object_not_found', 'error shape', (e) => e.code === 'object_not_found'),
    );
    await t.fails(
      'databases.query with a wrong filter type → APIResponseError 400',
      () => notion.databases.query({ database_id: DB, page_size: 'ten' }),
      (e) => isNotionClientError(e) && e.status >= 400 && e.status < 500,
      check('an APIResponseError with a code', 'error shape', (e) => APIResponseError.isAPIResponseError(e)),
    );
  },
};
