/** specmock's own API as an OpenAPI 3.1 document (served at GET /v1/openapi.json, publishable to specmock). */
import { apiPaths } from './api-paths';
import { components } from './components';
import { keyPaths } from './key-paths';
import { mockPaths } from './mock-paths';
import { sandboxPaths } from './sandbox-paths';
import { servicePaths } from './service-paths';

export const specmockOpenApi = {
  openapi: '3.1.0',
  info: {
    title: 'specmock',
    version: '1.0.0',
    description:
      'Publish OpenAPI documents as immutable versions and call schema-valid mock responses at /mock/{api}/{version}/….',
    license: { name: 'MIT', identifier: 'MIT' },
  },
  servers: [{ url: '/' }],
  tags: [{ name: 'keys' }, { name: 'apis' }, { name: 'sandboxes' }, { name: 'mock' }, { name: 'service' }],
  paths: {
    ...servicePaths,
    ...keyPaths,
    ...apiPaths,
    ...mockPaths,
    ...sandboxPaths,
  },
  components,
} as const;
