// The multi-file layouts under test/fixtures/multi-file/ (see its README): where each one's root
// is, its entry document, and how many operations it describes. Plain data for every test runner.
export const LAYOUTS = [
  { name: 'redocly-starter', root: 'redocly-starter/openapi', entry: 'openapi.yaml' },
  { name: 'train-travel', root: 'train-travel', entry: 'openapi.yaml' },
  { name: 'swagger-cli', root: 'swagger-cli', entry: 'api.yaml' },
  { name: 'cycle', root: 'cycle', entry: 'openapi.yaml' },
  { name: 'monorepo', root: 'monorepo', entry: 'pets/openapi.yaml' },
] as const;

export type Layout = (typeof LAYOUTS)[number];
