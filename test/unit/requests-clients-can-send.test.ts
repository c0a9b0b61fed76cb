import { describe, expect, it } from 'vitest';
import { engineCall } from '../support/engine-call';

/**
 * Requests a client generated from the description (or its vendor's SDK) sends, which a strict
 * reading of the description refused. Found with the official `postmark` SDK against
 * postmarkapp.com/server.json.
 */
const SPEC = `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /templates:
    get:
      parameters:
        - {name: Count, in: query, required: true, schema: {type: integer}}
        - {name: Offset, in: query, required: true, schema: {type: integer}}
        - {name: tag, in: query, schema: {type: string}}
        - {name: Tag, in: query, schema: {type: integer}}
      responses:
        '204': {description: listed}
  /templates/{id}:
    put:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/EditTemplate'}
      responses:
        '204': {description: edited}
  /templates/{id}/copies:
    post:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              allOf:
                - {$ref: '#/components/schemas/Named'}
                - {type: object, required: [name, owner], properties: {owner: {type: string}}}
      responses:
        '204': {description: copied}
  /email/withTemplate:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [TemplateId, TemplateAlias, To]
              properties:
                TemplateId: {type: integer, description: "Required if 'TemplateAlias' is not specified."}
                TemplateAlias: {$ref: '#/components/schemas/Alias'}
                To: {type: string}
      responses:
        '204': {description: sent}
  /pods/{name}:
    patch:
      parameters:
        - {name: name, in: path, required: true, schema: {type: string}}
      requestBody:
        required: true
        content:
          application/json-patch+json:
            schema: {$ref: '#/components/schemas/Patch'}
          application/merge-patch+json:
            schema: {$ref: '#/components/schemas/Patch'}
      responses:
        '204': {description: patched}
components:
  schemas:
    Patch: {type: object, description: 'Patch is provided to give a concrete name and type to the PATCH body.'}
    Alias: {type: string, description: "Required if 'TemplateId' is not specified."}
    EditTemplate:
      type: object
      required: [TemplateId, Name]
      properties:
        Name: {type: string}
        Subject: {type: string}
    Named:
      type: object
      properties:
        name: {type: string}
`;

async function call(
  method: string,
  path: string,
  query: [string, string][],
  body?: unknown,
  contentType = 'application/json',
) {
  const outcome = await engineCall(SPEC, method, path, { query, body, contentType });
  return outcome.ok ? outcome.response.status : outcome.problem.type;
}

describe('a request body schema requiring a name it does not declare', () => {
  it('does not require that name at the body’s root: no generated client can send it', async () => {
    expect(await call('PUT', '/templates/7', [], { Name: 'Welcome' })).toBe(204);
    expect(await call('PUT', '/templates/7', [], { Name: 'Welcome', TemplateId: 7 })).toBe(204);
  });

  it('still requires the names it declares, and judges them', async () => {
    expect(await call('PUT', '/templates/7', [], { Subject: 'Hi' })).toBe('invalid-request');
    expect(await call('PUT', '/templates/7', [], { Name: 42 })).toBe('invalid-request');
  });

  it('keeps a requirement of a composed member, whose sibling declares the name', async () => {
    expect(await call('POST', '/templates/7/copies', [], { name: 'x', owner: 'ada' })).toBe(204);
    expect(await call('POST', '/templates/7/copies', [], { owner: 'ada' })).toBe('invalid-request');
  });
});

// postmarkapp.com/server.json's EmailWithTemplateRequest; Plaid's "required if `type` is …".
describe('a required name its description makes conditional', () => {
  it('is optional in a request, either of the pair being enough', async () => {
    expect(await call('POST', '/email/withTemplate', [], { TemplateId: 7, To: 'a@b.c' })).toBe(204);
    expect(await call('POST', '/email/withTemplate', [], { TemplateAlias: 'hi', To: 'a@b.c' })).toBe(204);
  });

  it('is still judged when sent, and the unconditional names stay required', async () => {
    expect(await call('POST', '/email/withTemplate', [], { TemplateId: 'seven', To: 'a@b.c' })).toBe(
      'invalid-request',
    );
    expect(await call('POST', '/email/withTemplate', [], { TemplateId: 7 })).toBe('invalid-request');
  });
});

describe('a query parameter spelt in another case', () => {
  it('is read as the declared parameter when the exact name is absent', async () => {
    expect(
      await call('GET', '/templates', [
        ['count', '3'],
        ['offset', '0'],
      ]),
    ).toBe(204);
    expect(
      await call('GET', '/templates', [
        ['Count', '3'],
        ['OFFSET', '0'],
      ]),
    ).toBe(204);
  });

  it('is judged by the declared parameter’s schema', async () => {
    expect(
      await call('GET', '/templates', [
        ['count', 'three'],
        ['offset', '0'],
      ]),
    ).toBe('invalid-request');
  });

  it('still refuses a request without the parameter in any case', async () => {
    expect(await call('GET', '/templates', [['offset', '0']])).toBe('invalid-request');
  });

  it('never reads a name the operation declares itself as another parameter', async () => {
    // `tag` is declared (a string): it is not `Tag` (an integer) spelt otherwise.
    expect(
      await call('GET', '/templates', [
        ['Count', '1'],
        ['Offset', '0'],
        ['tag', 'red'],
      ]),
    ).toBe(204);
  });
});

// kubernetes.io.json describes every PATCH body as its `Patch` object (`type: object`); the official
// client sends JSON Patch (RFC 6902), a list of operations.
describe('a JSON Patch body whose schema says object', () => {
  const patch = (body: unknown, type = 'application/json-patch+json') =>
    call('PATCH', '/pods/web', [], body, type);

  it('is judged as RFC 6902 writes it', async () => {
    expect(await patch([{ op: 'replace', path: '/metadata/labels/app', value: 'web2' }])).toBe(204);
    expect(await patch([{ op: 'jump', path: '/a' }])).toBe('invalid-request');
    expect(await patch([{ op: 'remove' }])).toBe('invalid-request');
  });

  it('only under its own media type: a merge patch is still the object its schema says', async () => {
    expect(await patch([{ op: 'replace', path: '/a', value: 1 }], 'application/merge-patch+json')).toBe(
      'invalid-request',
    );
    expect(await patch({ metadata: { labels: { app: 'web2' } } }, 'application/merge-patch+json')).toBe(204);
  });
});

// bitbucket.org.json: every resource is `allOf: [object, …]`, `object` requiring its discriminator
// `type`; `POST …/pipelines` takes a `pipeline`, and the `bitbucket` SDK sends `{target: {…}}`.
describe("a base schema's discriminator, required", () => {
  const spec = (discriminator: string) => `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pipelines:
    post:
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/pipeline'}}}
      responses:
        '201': {description: created}
components:
  schemas:
    object:
      type: object
      required: [type]
      properties: {type: {type: string}}
      ${discriminator}
    pipeline:
      allOf:
        - {$ref: '#/components/schemas/object'}
        - type: object
          required: [target]
          properties: {target: {type: object}}`;
  const post = (text: string, body: unknown) => engineCall(text, 'POST', '/pipelines', { body });

  it('may be left out where the operation names the subtype, and is judged when sent', async () => {
    const named = spec('discriminator: {propertyName: type}');
    expect((await post(named, { target: { ref_name: 'main' } })).ok).toBe(true);
    expect((await post(named, { type: 'pipeline', target: {} })).ok).toBe(true);
    expect((await post(named, { type: 7, target: {} })).ok).toBe(false);
    expect((await post(named, { type: 'pipeline' })).ok).toBe(false);
  });

  it('stays required where nothing names it a discriminator', async () => {
    expect((await post(spec(''), { target: { ref_name: 'main' } })).ok).toBe(false);
  });
});

// microsoft.com/graph with @microsoft/microsoft-graph-client: `microsoft.graph.user` requires
// `@odata.type` with its own type as the default; the SDK, like Graph, leaves it out of
// `POST /users`, which was refused 422.
describe('a required member with a default of its own', () => {
  const spec = (typeMember: string) => `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /users:
    post:
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/user'}}}}
      responses:
        '201': {description: created}
components:
  schemas:
    entity: {type: object, properties: {id: {type: string}}, discriminator: {propertyName: '@odata.type'}}
    user:
      allOf:
        - {$ref: '#/components/schemas/entity'}
        - type: object
          required: ['@odata.type', displayName]
          properties: {displayName: {type: string}, '@odata.type': ${typeMember}}`;
  const post = (text: string, body: unknown) => engineCall(text, 'POST', '/users', { body });

  it('may be left out, and is judged when sent', async () => {
    const defaulted = spec(`{type: string, default: '#microsoft.graph.user'}`);
    expect((await post(defaulted, { displayName: 'Ada' })).ok).toBe(true);
    expect((await post(defaulted, { displayName: 'Ada', '@odata.type': 7 })).ok).toBe(false);
    expect((await post(defaulted, { '@odata.type': '#microsoft.graph.user' })).ok).toBe(false);
  });

  it('stays required without a default', async () => {
    expect((await post(spec('{type: string}'), { displayName: 'Ada' })).ok).toBe(false);
  });
});

// spotify.com/sonallux.json: `PUT /me/tracks` requires the `ids` query parameter and declares `ids`
// in its body, "ignored if the ids parameter is present in the query string"; the SDK sends the body.
describe('a required query parameter the body also declares', () => {
  const spec = (bodyMember: string) => `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /me/tracks:
    put:
      parameters:
        - {name: ids, in: query, required: true, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {${bodyMember}: {type: array, items: {type: string}}}}
      responses:
        '200': {description: saved}`;
  const put = (text: string, query: [string, string][], body?: unknown) =>
    engineCall(text, 'PUT', '/me/tracks', { query, ...(body === undefined ? {} : { body }) });

  it('may be sent in the body instead', async () => {
    expect((await put(spec('ids'), [], { ids: ['4iV5W9uYEdYUVa79Axb7Rh'] })).ok).toBe(true);
    expect((await put(spec('ids'), [['ids', '4iV5W9uYEdYUVa79Axb7Rh']])).ok).toBe(true);
  });

  it('is still missing without either, or where the body does not declare the name', async () => {
    expect((await put(spec('ids'), [])).ok).toBe(false);
    expect((await put(spec('tracks'), [], { ids: ['4iV5W9uYEdYUVa79Axb7Rh'] })).ok).toBe(false);
  });
});

// docker.com/engine with dockerode: docker-modem sends a POST's options in the query and again as a
// JSON body (`POST /containers/{id}/stop?t=1` with `{"t":1}`); the description gives these
// operations no request body, so `container.stop()` and `rename()` were refused 415.
describe('a body repeating the query, to an operation that takes no body', () => {
  const spec = `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /containers/{id}/stop:
    post:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: t, in: query, schema: {type: integer}}
      responses:
        '204': {description: stopped}`;
  const stop = (query: [string, string][], body: unknown) =>
    engineCall(spec, 'POST', '/containers/c1/stop', { query, body });
  const refused = (outcome: Awaited<ReturnType<typeof stop>>) => (outcome.ok ? 'ok' : outcome.problem.type);

  it('is ignored when it says nothing the query does not', async () => {
    expect(refused(await stop([['t', '1']], { t: 1 }))).toBe('ok');
  });

  it('is still refused 415 when it carries anything more', async () => {
    expect(refused(await stop([['t', '1']], { t: 2 }))).toBe('unsupported-media-type');
    expect(refused(await stop([['t', '1']], { t: 1, force: true }))).toBe('unsupported-media-type');
    expect(refused(await stop([], { t: 1 }))).toBe('unsupported-media-type');
    expect(refused(await stop([['t', '1']], {}))).toBe('unsupported-media-type');
    expect(refused(await stop([['t', '1']], [1]))).toBe('unsupported-media-type');
    expect(
      refused(
        await engineCall(spec, 'POST', '/containers/c1/stop', {
          query: [['t', '1']],
          body: 't=1',
          contentType: 'text/plain',
        }),
      ),
    ).toBe('unsupported-media-type');
  });
});

// gitea.io with gitea-js: `repoGetContents` sends `/repos/o/r/contents/docs/README.md` for
// `/repos/{owner}/{repo}/contents/{filepath}`, its slash unencoded; Gitea (and GitHub) accept it.
describe('a file path sent unencoded into a last parameter named for one', () => {
  const spec = `openapi: 3.0.3
info: {title: t, version: '1'}
servers: [{url: /api/v1}]
paths:
  /repos/{owner}/{repo}/contents/{filepath}:
    get:
      operationId: repoGetContents
      parameters:
        - {name: owner, in: path, required: true, schema: {type: string}}
        - {name: repo, in: path, required: true, schema: {type: string}}
        - {name: filepath, in: path, required: true, schema: {type: string}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, required: [path], properties: {path: {type: string}}}}}}
  /pets/{id}:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok}`;

  it('takes the remaining segments as its value, with or without the base path', async () => {
    for (const [path, file] of [
      ['/repos/o/r/contents/docs/README.md', 'docs/README.md'],
      ['/api/v1/repos/o/r/contents/docs/a/b.txt', 'docs/a/b.txt'],
    ]) {
      const outcome = await engineCall(spec, 'GET', path);
      expect(outcome.ok && outcome.operation.id).toBe('repoGetContents');
      expect(outcome.ok && outcome.call.pathParams.filepath).toBe(file);
    }
  });

  it('leaves any other parameter one segment: an unknown deeper path is still 404', async () => {
    const outcome = await engineCall(spec, 'GET', '/pets/1/extra');
    expect(outcome.ok ? 'ok' : outcome.problem.type).toBe('route-not-found');
  });
});

// azure.com/resources with @azure/arm-resources: `x-ms-skip-url-encoding` path values are sent as
// they are: `{parentResourcePath}` empty (`…/Microsoft.Storage//storageAccounts/sa1`, refused 422)
// or two segments, `{resourceId}` a whole ARM id (`//subscriptions/…`, 404).
describe('a path value the description says is sent as it is', () => {
  const spec = `swagger: '2.0'
info: {title: arm, version: '1'}
paths:
  /subscriptions/{sub}/providers/{ns}/{parentResourcePath}/{type}/{name}:
    get:
      operationId: Resources_Get
      parameters:
        - {name: sub, in: path, required: true, type: string}
        - {name: ns, in: path, required: true, type: string}
        - {name: parentResourcePath, in: path, required: true, type: string, x-ms-skip-url-encoding: true}
        - {name: type, in: path, required: true, type: string, x-ms-skip-url-encoding: true}
        - {name: name, in: path, required: true, type: string}
      responses:
        '200': {description: ok, schema: {type: object}}
  /{resourceId}:
    get:
      operationId: Resources_GetById
      parameters:
        - {name: resourceId, in: path, required: true, type: string, x-ms-skip-url-encoding: true}
      responses:
        '200': {description: ok, schema: {type: object}}
  /things/{id}:
    get:
      operationId: Things_Get
      parameters: [{name: id, in: path, required: true, type: string}]
      responses:
        '200': {description: ok, schema: {type: object}}`;
  const get = async (path: string) => {
    const outcome = await engineCall(spec, 'GET', path);
    return outcome.ok ? [outcome.operation.id, outcome.call.pathParams] : [outcome.problem.type];
  };

  it('may be empty or span segments', async () => {
    expect(await get('/subscriptions/s1/providers/Microsoft.Storage//storageAccounts/sa1')).toEqual([
      'Resources_Get',
      { sub: 's1', ns: 'Microsoft.Storage', parentResourcePath: '', type: 'storageAccounts', name: 'sa1' },
    ]);
    expect(await get('/subscriptions/s1/providers/Microsoft.Network/virtualNetworks/v1/subnets/s1')).toEqual([
      'Resources_Get',
      {
        sub: 's1',
        ns: 'Microsoft.Network',
        parentResourcePath: 'virtualNetworks/v1',
        type: 'subnets',
        name: 's1',
      },
    ]);
    expect(
      await get('//subscriptions/s1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa2'),
    ).toEqual([
      'Resources_GetById',
      { resourceId: '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa2' },
    ]);
  });

  it('leaves any other path value one segment, and never empty', async () => {
    expect(await get('/things/1/2')).toEqual(['Resources_GetById', { resourceId: 'things/1/2' }]);
    const plain = spec.replace(/\n {2}\/\{resourceId\}:[\s\S]*?(?=\n {2}\/things)/, '');
    const outcome = await engineCall(plain, 'GET', '/things/1/2');
    expect(outcome.ok ? 'ok' : outcome.problem.type).toBe('route-not-found');
    const empty = await engineCall(plain, 'GET', '/things/');
    expect(empty.ok ? 'ok' : empty.problem.type).not.toBe('ok');
  });
});
