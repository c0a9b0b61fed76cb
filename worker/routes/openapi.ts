import { specmockOpenApi } from '../openapi/specmock-openapi';

export function openapiDocument(): Response {
  return Response.json(specmockOpenApi, { headers: { 'cache-control': 'public, max-age=300' } });
}
