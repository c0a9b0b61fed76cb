import { describe, expect, it } from 'vitest';
import { compileRoutes, matchRoute } from '../../worker/mock/match';
import type { OperationPlan, ParameterPlan, Plan } from '../../worker/mock/plan';

function op(method: string, path: string): OperationPlan {
  return {
    id: `${method} ${path}`,
    method,
    path,
    tags: [],
    deprecated: false,
    parameters: [],
    responses: [],
    security: [],
  };
}

function pathParam(name: string, schema: Record<string, unknown>): ParameterPlan {
  return { name, in: 'path', required: true, schema, style: 'simple', explode: false };
}

function plan(...ops: OperationPlan[]): Plan {
  return {
    planVersion: 1,
    dialect: 'openapi-3.0',
    title: '',
    infoVersion: '',
    defs: {},
    securitySchemes: {},
    operations: ops,
  };
}

const petOps = () => [
  op('get', '/pets/{id}'),
  op('get', '/pets/mine'),
  op('post', '/pets'),
  op('get', '/files/{name}.json'),
  op('get', '/files/{name}'),
  op('get', '/a/{x}/c'),
  op('get', '/a/b/{y}'),
];

describe('matchRoute', () => {
  const routes = compileRoutes(plan(...petOps()));

  it('prefers concrete segments over templated ones, left to right', () => {
    expect(matchRoute(routes, 'GET', '/pets/mine')).toMatchObject({ kind: 'found', route: '/pets/mine' });
    expect(matchRoute(routes, 'GET', '/pets/7')).toMatchObject({
      kind: 'found',
      route: '/pets/{id}',
      pathParams: { id: '7' },
    });
    expect(matchRoute(routes, 'GET', '/a/b/c')).toMatchObject({ route: '/a/b/{y}' });
    expect(matchRoute(routes, 'GET', '/files/report.json')).toMatchObject({
      route: '/files/{name}.json',
      pathParams: { name: 'report' },
    });
    expect(matchRoute(routes, 'GET', '/files/report.txt')).toMatchObject({ route: '/files/{name}' });
  });

  // Microsoft Graph: `image(width={width})` took `image(width=10,height=20)` with width "10,height=20".
  it('of two partly templated segments, prefers the one with more literal text', () => {
    const graph = compileRoutes(
      plan(
        op('get', '/charts/{c}/image(width={width})'),
        op('get', '/charts/{c}/image(width={width},height={height})'),
        op('get', "/charts/{c}/image(width={width},height={height},fittingMode='{fittingMode}')"),
      ),
    );
    expect(matchRoute(graph, 'GET', '/charts/1/image(width=10)')).toMatchObject({
      pathParams: { width: '10' },
    });
    expect(matchRoute(graph, 'GET', '/charts/1/image(width=10,height=20)')).toMatchObject({
      pathParams: { c: '1', width: '10', height: '20' },
    });
    expect(matchRoute(graph, 'GET', "/charts/1/image(width=10,height=20,fittingMode='fit')")).toMatchObject({
      pathParams: { width: '10', height: '20', fittingMode: 'fit' },
    });
  });

  // healthcare.gov: `{pageName}{mediaTypeExtension}`, the extension one of [".json"].
  it('captures a parameter with an enum inside a segment only as one of its values', () => {
    const blog = op('get', '/blog/{pageName}{mediaTypeExtension}');
    blog.parameters = [
      pathParam('pageName', { type: 'string' }),
      pathParam('mediaTypeExtension', { type: 'string', enum: ['.js', '.json'] }),
    ];
    const routes = compileRoutes(plan(blog));
    expect(matchRoute(routes, 'GET', '/blog/about.json')).toMatchObject({
      pathParams: { pageName: 'about', mediaTypeExtension: '.json' },
    });
    expect(matchRoute(routes, 'GET', '/blog/about.html')).toMatchObject({ kind: 'no-path' });
  });

  // jellyfin: `/MusicGenres/{id}/InstantMix` (a uuid) declared before `/MusicGenres/{name}/InstantMix`
  // refused every call by name.
  it('of two templates of one shape, takes the first whose parameters the values fit', () => {
    const byId = op('get', '/genres/{id}/mix');
    byId.parameters = [pathParam('id', { type: 'string', format: 'uuid' })];
    const byName = op('get', '/genres/{name}/mix');
    byName.parameters = [pathParam('name', { type: 'string' })];
    const routes = compileRoutes(plan(byId, byName));
    const uuid = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(matchRoute(routes, 'GET', `/genres/${uuid}/mix`)).toMatchObject({ pathParams: { id: uuid } });
    expect(matchRoute(routes, 'GET', '/genres/jazz/mix')).toMatchObject({ pathParams: { name: 'jazz' } });
    // Where none fits, the first declared answers (and validation says why).
    const byNumber = op('get', '/collection/{id}');
    byNumber.parameters = [pathParam('id', { type: 'integer' })];
    const byEnum = op('get', '/collection/{kind}');
    byEnum.parameters = [pathParam('kind', { type: 'string', enum: ['a', 'b'] })];
    const strict = compileRoutes(plan(byNumber, byEnum));
    expect(matchRoute(strict, 'GET', '/collection/7')).toMatchObject({ pathParams: { id: '7' } });
    expect(matchRoute(strict, 'GET', '/collection/b')).toMatchObject({ pathParams: { kind: 'b' } });
    expect(matchRoute(strict, 'GET', '/collection/zz')).toMatchObject({ pathParams: { id: 'zz' } });
  });

  // mist.com: `/sites/{id}/zones/{zone_id}` (a uuid) took `/sites/1/zones/count`, which
  // `/sites/{id}/{zone_type}/count` declares.
  it('of two templates a path matches, takes the first whose values fit even when a literal ranks it first', () => {
    const zone = op('get', '/sites/{id}/zones/{zone_id}');
    zone.parameters = [pathParam('zone_id', { type: 'string', format: 'uuid' })];
    const count = op('get', '/sites/{id}/{zone_type}/count');
    count.parameters = [pathParam('zone_type', { type: 'string', enum: ['zones', 'rssizones'] })];
    const routes = compileRoutes(plan(zone, count));
    const uuid = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(matchRoute(routes, 'GET', '/sites/1/zones/count')).toMatchObject({
      route: '/sites/{id}/{zone_type}/count',
    });
    expect(matchRoute(routes, 'GET', `/sites/1/zones/${uuid}`)).toMatchObject({
      route: '/sites/{id}/zones/{zone_id}',
    });
    // Where none fits, the most concrete answers (and validation says why).
    expect(matchRoute(routes, 'GET', '/sites/1/zones/other')).toMatchObject({
      route: '/sites/{id}/zones/{zone_id}',
    });
  });

  it('decodes path parameters', () => {
    expect(matchRoute(routes, 'GET', '/pets/a%20b%2Fc')).toMatchObject({ pathParams: { id: 'a b/c' } });
    expect(matchRoute(routes, 'GET', '/pets/%E0%A4%A')).toMatchObject({ pathParams: { id: '%E0%A4%A' } });
  });

  it('ignores one trailing slash', () => {
    expect(matchRoute(routes, 'POST', '/pets/')).toMatchObject({ kind: 'found', route: '/pets' });
  });

  // gov.bc.ca/gwells: GET /wells/tags/ went to /wells/{well_tag_number} (422: "tags" is no integer).
  it('serves a path the spec writes with its trailing slash before a template that would take it without', () => {
    const written = compileRoutes(
      plan(op('get', '/wells/{number}'), op('get', '/wells/tags/'), op('get', '/wells/{number}/files/')),
    );
    expect(matchRoute(written, 'GET', '/wells/tags/')).toMatchObject({ route: '/wells/tags/' });
    expect(matchRoute(written, 'GET', '/wells/7/')).toMatchObject({ route: '/wells/{number}' });
    expect(matchRoute(written, 'GET', '/wells/7/files/')).toMatchObject({ route: '/wells/{number}/files/' });
    expect(matchRoute(written, 'GET', '/wells/7/files')).toMatchObject({ route: '/wells/{number}/files/' });
    // …but a template's empty last value is never taken for a missing slash.
    expect(matchRoute(compileRoutes(plan(op('get', '/pets/{id}'))), 'GET', '/pets')).toEqual({
      kind: 'no-path',
    });
    // A literal path without the slash is still more concrete than a template written with one.
    const both = compileRoutes(plan(op('get', '/a/{x}/'), op('get', '/a/b')));
    expect(matchRoute(both, 'GET', '/a/b/')).toMatchObject({ route: '/a/b' });
    expect(matchRoute(both, 'GET', '/a/c/')).toMatchObject({ route: '/a/{x}/' });
  });

  it('distinguishes a missing path from a missing method, with Allow', () => {
    expect(matchRoute(routes, 'GET', '/owners')).toEqual({ kind: 'no-path' });
    expect(matchRoute(routes, 'DELETE', '/pets')).toMatchObject({ kind: 'no-method', allow: ['POST'] });
    expect(matchRoute(routes, 'PUT', '/pets/1')).toMatchObject({ kind: 'no-method', allow: ['GET', 'HEAD'] });
  });

  // postmarkapp.com/server.json writes `/deliverystats`; Postmark's SDK calls `/deliveryStats`.
  it('takes a path whose literal segments a route spells in another case, only when none takes it as sent', () => {
    const written = compileRoutes(
      plan(op('get', '/deliverystats'), op('post', '/triggers/inboundrules/{id}'), ...petOps()),
    );
    expect(matchRoute(written, 'GET', '/deliveryStats')).toMatchObject({ route: '/deliverystats' });
    expect(matchRoute(written, 'POST', '/Triggers/inboundRules/AbC')).toMatchObject({
      route: '/triggers/inboundrules/{id}',
      pathParams: { id: 'AbC' },
    });
    expect(matchRoute(written, 'GET', '/PETS/mine')).toMatchObject({ route: '/pets/mine' });
    // A template that takes the path as sent wins over a literal spelt in another case.
    expect(matchRoute(written, 'GET', '/pets/Mine')).toMatchObject({
      route: '/pets/{id}',
      pathParams: { id: 'Mine' },
    });
    expect(matchRoute(written, 'DELETE', '/DeliveryStats')).toMatchObject({
      kind: 'no-method',
      allow: ['GET', 'HEAD'],
    });
    expect(matchRoute(written, 'GET', '/deliveryStat')).toEqual({ kind: 'no-path' });
  });

  it('serves HEAD from GET', () => {
    expect(matchRoute(routes, 'HEAD', '/pets/1')).toMatchObject({
      kind: 'found',
      operation: { method: 'get' },
    });
  });
});

// googleapis.com/iam and GitHub: `/v2/{parent}` POST beside `/v2/{name}` GET/DELETE.
describe('matchRoute with two templates of the same shape', () => {
  const routes = compileRoutes(
    plan(op('get', '/v2/{name}'), op('delete', '/v2/{name}'), op('post', '/v2/{parent}')),
  );

  it('routes each method to the template that defines it', () => {
    const post = matchRoute(routes, 'POST', '/v2/abc');
    expect(post.kind === 'found' && post.operation.path).toBe('/v2/{parent}');
    expect(post.kind === 'found' && post.pathParams).toEqual({ parent: 'abc' });
    const get = matchRoute(routes, 'GET', '/v2/abc');
    expect(get.kind === 'found' && get.operation.path).toBe('/v2/{name}');
  });

  it('answers 405 with the first template’s methods when none defines it', () => {
    const put = matchRoute(routes, 'PUT', '/v2/abc');
    expect(put).toMatchObject({ kind: 'no-method', allow: ['DELETE', 'GET', 'HEAD'] });
    // The 405 is answered in the error shape of that template's own operations.
    expect(put.kind === 'no-method' && put.operations.map((o) => o.method).sort()).toEqual(['delete', 'get']);
  });
});
