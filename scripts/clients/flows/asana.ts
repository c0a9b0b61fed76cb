import { check, type ClientFlow, type Loose } from '../flow';
import { loadSdk } from '../install-sdks';
import { corpusSpec } from '../specs';

const WORKSPACE = '1331';

/** asana 3 (generated from Asana's own description) against asana.com.json: `ApiClient.basePath`. */
export const asanaFlow: ClientFlow = {
  name: 'asana',
  packages: { asana: '3.1.9' },
  spec: corpusSpec('asana.com.json'),
  specLabel: 'asana.com.json',
  base: 'path',
  resources: true,
  async run(t) {
    const Asana = loadSdk<Loose>('asana');
    const client = new Asana.ApiClient();
    client.basePath = t.target.base;
    client.authentications.token.accessToken = 'specmock';
    const tasks = new Asana.TasksApi(client);
    const projects = new Asana.ProjectsApi(client);
    const users = new Asana.UsersApi(client);
    const isStatus = (status: number) => (e: Loose) => e?.status === status && e?.response !== undefined;

    const task = await t.ok(
      'tasks.createTask',
      () =>
        tasks.createTask({ data: { name: 'Write the report', workspace: WORKSPACE, notes: 'By Friday' } }),
      check('a gid', 'sdk type', (r) => typeof r.data?.gid === 'string'),
      check('name reflected', 'realism', (r) => r.data.name === 'Write the report'),
    );
    const gid: string = task?.data?.gid ?? '1001';
    await t.ok(
      'tasks.getTask',
      () => tasks.getTask(gid, {}),
      check('gid echoes', 'realism', (r) => r.data.gid === gid),
      check('created name reads back', 'sandbox inference', (r) => r.data.name === 'Write the report'),
    );
    await t.ok(
      'tasks.updateTask',
      () => tasks.updateTask({ data: { completed: true } }, gid, {}),
      check('completed reflected', 'realism', (r) => r.data.completed === true),
    );
    await t.ok(
      'tasks.getTask after update',
      () => tasks.getTask(gid, {}),
      check('updated completed reads back', 'sandbox inference', (r) => r.data.completed === true),
    );
    await t.ok(
      'tasks.getTasks',
      () => tasks.getTasks({ workspace: WORKSPACE, assignee: 'me', limit: 5 }),
      check('a collection', 'sdk type', (c) => Array.isArray(c.data)),
      check('at most the limit', 'realism', (c) => c.data.length <= 5),
      check('lists the created task', 'sandbox inference', (c) => c.data.some((x: Loose) => x.gid === gid)),
    );
    await t.ok(
      'tasks.getTasks to the end (nextPage / next_page.offset)',
      async () => {
        let page = await tasks.getTasks({ workspace: WORKSPACE, assignee: 'me', limit: 5 });
        for (let n = 1; n <= 20; n++) {
          page = await page.nextPage();
          if (!page.data) return { n, ended: true };
        }
        return { n: 20, ended: false };
      },
      check('ends within 20 pages', 'pagination', (r) => r.ended),
    );
    const project = await t.ok(
      'projects.createProject',
      () => projects.createProject({ data: { name: 'Launch', workspace: WORKSPACE } }),
      check('name reflected', 'realism', (r) => r.data.name === 'Launch'),
    );
    const pgid: string = project?.data?.gid ?? '2002';
    await t.ok(
      'projects.getProject',
      () => projects.getProject(pgid, {}),
      check('gid echoes', 'realism', (r) => r.data.gid === pgid),
    );
    await t.ok(
      'projects.updateProject',
      () => projects.updateProject({ data: { notes: 'Q3' } }, pgid, {}),
      check('notes reflected', 'realism', (r) => r.data.notes === 'Q3'),
    );
    await t.ok(
      'projects.getProjects',
      () => projects.getProjects({ workspace: WORKSPACE, limit: 5 }),
      check('a collection', 'sdk type', (c) => Array.isArray(c.data)),
    );
    await t.ok(
      'users.getUser',
      () => users.getUser('me', {}),
      check('a user gid', 'sdk type', (r) => typeof r.data.gid === 'string'),
    );
    await t.ok('projects.deleteProject', () => projects.deleteProject(pgid));
    await t.ok('tasks.deleteTask', () => tasks.deleteTask(gid));
    if (t.sandbox)
      await t.fails('tasks.getTask after delete → 404', () => tasks.getTask(gid, {}), isStatus(404));
    client.defaultHeaders = t.prefer404;
    await t.fails(
      'tasks.getTask of an unknown task → 404',
      () => tasks.getTask('999999', {}),
      isStatus(404),
      check(
        'errors[].message',
        'error shape',
        (e) => typeof e.response?.body?.errors?.[0]?.message === 'string',
      ),
    );
    client.defaultHeaders = {};
    await t.fails(
      'tasks.createTask with completed: "yes" → 400',
      () => tasks.createTask({ data: { name: 'x', workspace: WORKSPACE, completed: 'yes' } }),
      (e) => e?.status >= 400 && e?.status < 500,
      check(
        'errors[].message',
        'error shape',
        (e) => typeof e.response?.body?.errors?.[0]?.message === 'string',
      ),
    );
  },
};
