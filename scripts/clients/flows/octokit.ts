import { check, type ClientFlow, type Loose } from '../flow';
import { loadSdk } from '../install-sdks';
import { githubSpec } from '../specs';

const owner = 'octocat';
const repo = 'hello-world';

/** @octokit/rest 22 against GitHub's own description (the `@octokit/openapi` devDependency). */
export const octokitFlow: ClientFlow = {
  name: '@octokit/rest',
  packages: { '@octokit/rest': '22.0.1' },
  spec: githubSpec(),
  specLabel: 'api.github.com.json (@octokit/openapi)',
  base: 'path',
  resources: true,
  async run(t) {
    const { Octokit } = loadSdk<Loose>('@octokit/rest');
    const octokit = new Octokit({ baseUrl: t.target.base, auth: 'ghp_specmock', log: quiet });
    const isRequestError = (status: number) => (e: Loose) => e?.name === 'HttpError' && e.status === status;

    await t.ok(
      'repos.get',
      () => octokit.repos.get({ owner, repo }),
      check('full_name echoes owner/repo', 'realism', (r) => r.data.full_name === `${owner}/${repo}`),
      check('owner.login echoes', 'realism', (r) => r.data.owner?.login === owner),
    );
    await t.ok(
      'users.getByUsername',
      () => octokit.users.getByUsername({ username: owner }),
      check('login echoes', 'realism', (r) => r.data.login === owner),
    );
    const created = await t.ok(
      'issues.create',
      () => octokit.issues.create({ owner, repo, title: 'Found a bug', body: 'Steps…', labels: ['bug'] }),
      check('201 with a number', 'sdk type', (r) => r.status === 201 && Number.isInteger(r.data.number)),
      check('title reflected', 'realism', (r) => r.data.title === 'Found a bug'),
      check('a new issue is open', 'realism', (r) => r.data.state === 'open' && r.data.closed_at === null),
    );
    const issue_number: number = created?.data.number ?? 1;
    await t.ok(
      'issues.get',
      () => octokit.issues.get({ owner, repo, issue_number }),
      check('number echoes', 'realism', (r) => r.data.number === issue_number),
      check(
        'state agrees with closed_at',
        'realism',
        (r) => (r.data.state === 'open') === (r.data.closed_at === null),
      ),
      check('created title reads back', 'sandbox inference', (r) => r.data.title === 'Found a bug'),
    );
    await t.ok(
      'issues.update',
      () => octokit.issues.update({ owner, repo, issue_number, title: 'Found a bug (edited)' }),
      check('title reflected', 'realism', (r) => r.data.title === 'Found a bug (edited)'),
    );
    await t.ok(
      'issues.get after update',
      () => octokit.issues.get({ owner, repo, issue_number }),
      check('updated title reads back', 'sandbox inference', (r) => r.data.title === 'Found a bug (edited)'),
    );
    await t.ok(
      'issues.listForRepo',
      () => octokit.issues.listForRepo({ owner, repo, per_page: 5 }),
      check('an array of issues', 'sdk type', (r) => Array.isArray(r.data)),
      check('at most the page size', 'realism', (r) => r.data.length <= 5),
      check('lists the created issue', 'sandbox inference', (r) =>
        r.data.some((i: Loose) => i.number === issue_number),
      ),
    );
    await t.ok(
      'paginate issues.listForRepo to the end (Link rel="next")',
      () => pages(octokit.paginate.iterator(octokit.issues.listForRepo, { owner, repo, per_page: 5 })),
      check('ends within 20 pages', 'pagination', (r) => r.ended),
    );
    await t.ok(
      'issues.createComment',
      () => octokit.issues.createComment({ owner, repo, issue_number, body: 'Me too' }),
      check('body reflected', 'realism', (r) => r.data.body === 'Me too'),
    );
    await t.ok(
      'issues.listComments',
      () => octokit.issues.listComments({ owner, repo, issue_number }),
      check('an array', 'sdk type', (r) => Array.isArray(r.data)),
    );
    await t.ok(
      'pulls.list',
      () => octokit.pulls.list({ owner, repo, state: 'open' }),
      check('open pulls are not merged', 'realism', (r) =>
        r.data.every((p: Loose) => p.state !== 'open' || !p.merged_at),
      ),
    );
    await t.ok(
      'issues.listLabelsForRepo',
      () => octokit.issues.listLabelsForRepo({ owner, repo }),
      check('an array', 'sdk type', (r) => Array.isArray(r.data)),
    );
    const label = await t.ok(
      'issues.createLabel',
      () => octokit.issues.createLabel({ owner, repo, name: 'triage', color: 'ededed' }),
      check('name reflected', 'realism', (r) => r.data.name === 'triage'),
    );
    await t.ok(
      'issues.getLabel',
      () => octokit.issues.getLabel({ owner, repo, name: 'triage' }),
      check('name echoes', 'realism', (r) => r.data.name === 'triage'),
      check('created color reads back', 'sandbox inference', (r) => r.data.color === label?.data.color),
    );
    await t.ok('issues.deleteLabel', () => octokit.issues.deleteLabel({ owner, repo, name: 'triage' }));
    if (t.sandbox)
      await t.fails(
        'issues.getLabel after delete → 404',
        () => octokit.issues.getLabel({ owner, repo, name: 'triage' }),
        isRequestError(404),
      );
    await t.ok(
      'repos.listForOrg',
      () => octokit.repos.listForOrg({ org: 'github', per_page: 3 }),
      check('an array', 'sdk type', (r) => Array.isArray(r.data)),
    );
    await t.fails(
      'repos.get of an unknown repo → RequestError 404',
      () => octokit.repos.get({ owner, repo: 'missing', headers: t.prefer404 }),
      isRequestError(404),
      check("the message is GitHub's", 'error shape', (e) => typeof e.response?.data?.message === 'string'),
    );
    await t.fails(
      'issues.create without a title → RequestError 422',
      () => octokit.request('POST /repos/{owner}/{repo}/issues', { owner, repo, body: 'no title' }),
      (e) => e?.name === 'HttpError' && e.status === 422,
      check("the message is GitHub's", 'error shape', (e) => typeof e.response?.data?.message === 'string'),
    );
  },
};

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** Pages of a paginating iterator, stopped at 20 pages (a list that never ends is a failure). */
async function pages(iterator: AsyncIterable<Loose>) {
  let count = 0;
  for await (const _page of iterator) if (++count >= 20) return { count, ended: false };
  return { count, ended: true };
}
