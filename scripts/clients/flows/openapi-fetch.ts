import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { check, type ClientFlow, type Loose } from '../flow';
import { CLIENTS_DIR, loadSdk } from '../install-sdks';
import { projectFile } from '../specs';

const spec = projectFile('spec-examples/petstore.oas3.yaml');

/** Throws openapi-fetch's `{ error, response }` answer, so a flow can expect it like an SDK's error. */
async function orThrow(p: Promise<Loose>): Promise<Loose> {
  const answer = await p;
  if (answer.error !== undefined || !answer.response.ok) throw answer;
  return answer;
}

/**
 * A client generated from the spec, as a team without an official SDK would use one: types from
 * openapi-typescript (generated at run time into .clients/petstore.d.ts, so the generator must read
 * the spec) and openapi-fetch with `baseUrl` set to the mock.
 */
export const openapiFetchFlow: ClientFlow = {
  name: 'openapi-fetch',
  packages: { 'openapi-fetch': '0.13.8', 'openapi-typescript': '7.13.0' },
  spec,
  specLabel: 'spec-examples/petstore.oas3.yaml (openapi-typescript types)',
  base: 'path',
  resources: true,
  async prepare() {
    const { default: openapiTS, astToString } = loadSdk<Loose>('openapi-typescript');
    writeFileSync(join(CLIENTS_DIR, 'petstore.d.ts'), astToString(await openapiTS(pathToFileURL(spec))));
  },
  async run(t) {
    const createClient = loadSdk<Loose>('openapi-fetch').default;
    const api = createClient({ baseUrl: t.target.base });
    const isError = (status: number) => (e: Loose) => e?.response?.status === status && e.error !== undefined;

    const created = await t.ok(
      'POST /pets',
      () => orThrow(api.POST('/pets', { body: { name: 'Rex', tag: 'dog' } })),
      check('201 with an id', 'sdk type', (r) => r.response.status === 201 && Number.isInteger(r.data.id)),
      check('name reflected', 'realism', (r) => r.data.name === 'Rex'),
    );
    const petId: number = created?.data.id ?? 42;
    await t.ok(
      'GET /pets/{petId}',
      () => orThrow(api.GET('/pets/{petId}', { params: { path: { petId } } })),
      check('id echoes', 'realism', (r) => r.data.id === petId),
      check('created name reads back', 'sandbox inference', (r) => r.data.name === 'Rex'),
    );
    await t.ok(
      'GET /pets?limit=5',
      () => orThrow(api.GET('/pets', { params: { query: { limit: 5 } } })),
      check('an array', 'sdk type', (r) => Array.isArray(r.data)),
      check('at most the limit', 'realism', (r) => r.data.length <= 5),
      check('lists the created pet', 'sandbox inference', (r) => r.data.some((p: Loose) => p.id === petId)),
    );
    const more: number[] = [];
    for (const name of ['Tom', 'Kitty', 'Fido']) {
      const pet = await t.ok(
        `POST /pets (${name})`,
        () => orThrow(api.POST('/pets', { body: { name } })),
        check('name reflected', 'realism', (r) => r.data.name === name),
      );
      more.push(pet?.data.id ?? 43);
      await t.ok(
        `GET /pets/{petId} (${name})`,
        () => orThrow(api.GET('/pets/{petId}', { params: { path: { petId: more.at(-1) } } })),
        check('id echoes', 'realism', (r) => r.data.id === more.at(-1)),
        check('created name reads back', 'sandbox inference', (r) => r.data.name === name),
      );
    }
    await t.ok(
      'GET /pets (all)',
      () => orThrow(api.GET('/pets')),
      check('lists every created pet', 'sandbox inference', (r) =>
        more.every((id) => r.data.some((p: Loose) => p.id === id)),
      ),
    );
    await t.ok(
      'GET /pets/mine',
      () => orThrow(api.GET('/pets/mine')),
      check('a pet', 'sdk type', (r) => typeof r.data.name === 'string'),
    );
    await t.ok(
      'GET /pets/mine (Prefer: example=tom)',
      () => orThrow(api.GET('/pets/mine', { headers: { Prefer: 'example=tom' } })),
      check('the named example', 'realism', (r) => r.data.name === 'Tom'),
    );
    for (const id of [petId, ...more])
      await t.ok(`DELETE /pets/{petId} (${id})`, () =>
        orThrow(api.DELETE('/pets/{petId}', { params: { path: { petId: id } } })),
      );
    if (t.sandbox)
      await t.fails(
        'GET /pets/{petId} after delete → 404',
        () => orThrow(api.GET('/pets/{petId}', { params: { path: { petId } } })),
        isError(404),
      );
    await t.fails(
      "GET /pets/{petId} of an unknown pet → 404 with the spec's Error",
      () => orThrow(api.GET('/pets/{petId}', { params: { path: { petId: 999999 } }, headers: t.prefer404 })),
      isError(404),
      check('error.message is set', 'error shape', (e) => typeof e.error?.message === 'string'),
    );
    await t.fails(
      'POST /pets without a name → an error answer',
      () => orThrow(api.POST('/pets', { body: { tag: 'dog' } })),
      (e) => e?.response?.status >= 400 && e.response.status < 500,
      check('error.message is set', 'error shape', (e) => typeof e.error?.message === 'string'),
    );
  },
};
