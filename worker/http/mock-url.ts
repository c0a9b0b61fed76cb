import { hostLabel, type HostTarget } from './mock-host';

/** The absolute URL under which a version is mocked, on the origin the caller used. */
export function mockUrl(request: Request, api: string, version: string): string {
  return `${new URL(request.url).origin}/mock/${api}/${version}`;
}

/**
 * The URL of a mock's own host under the mock domain (`https://petstore.mock.example.com`), on the
 * scheme and port the caller used; undefined when host routing is off or no label fits.
 */
function hostUrl(request: Request, mockDomain: string, target: HostTarget): string | undefined {
  const label = mockDomain ? hostLabel(target) : undefined;
  if (!label) return undefined;
  const { protocol, port } = new URL(request.url);
  return `${protocol}//${label}.${mockDomain}${port ? `:${port}` : ''}`;
}

/** `{name: url}` when there is a host URL, else nothing: spread beside the path-form URLs. */
export function hostUrlField(
  name: string,
  request: Request,
  mockDomain: string,
  target: HostTarget,
): Record<string, string> {
  const url = hostUrl(request, mockDomain, target);
  return url ? { [name]: url } : {};
}
