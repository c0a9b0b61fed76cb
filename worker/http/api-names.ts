import { fail } from './problem';

const API_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const VERSION_NAME = /^[A-Za-z0-9._-]{1,64}$/;

export function checkApiName(api: string): string {
  if (!API_NAME.test(api)) {
    fail(
      'invalid-name',
      `API name "${api.slice(0, 80)}" is invalid: use 1–63 lowercase letters, digits and inner hyphens ([a-z0-9-]).`,
      {
        errors: [{ location: ['path', 'api'], message: 'must match ^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$' }],
      },
    );
  }
  return api;
}

export function checkVersionName(version: string, { allowLatest = false } = {}): string {
  if (
    !VERSION_NAME.test(version) ||
    version === '.' ||
    version === '..' ||
    (!allowLatest && version === 'latest')
  ) {
    fail(
      'invalid-name',
      `Version "${version.slice(0, 80)}" is invalid: use 1–64 of [A-Za-z0-9._-], and not "latest".`,
      {
        errors: [
          { location: ['path', 'version'], message: 'must match ^[A-Za-z0-9._-]{1,64}$ and not be "latest"' },
        ],
      },
    );
  }
  return version;
}
