// The hash routes: #/ and #/apis/{api}[/{version}].

export function currentRoute() {
  const parts = location.hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  if (parts[0] === 'apis' && parts[1]) return { api: parts[1], version: parts[2] || null };
  return { api: null, version: null };
}

export function apiHref(api, version) {
  return `#/apis/${encodeURIComponent(api)}${version ? `/${encodeURIComponent(version)}` : ''}`;
}
