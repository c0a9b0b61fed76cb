/** The absolute URL under which a version is mocked, on the origin the caller used. */
export function mockUrl(request: Request, api: string, version: string): string {
  return `${new URL(request.url).origin}/mock/${api}/${version}`;
}
