// The hash routes: #/, #/apis/{api}[/{version}], and an API's #/calls/{api} and #/behaviour/{api}.
const API_PAGES = ['calls', 'behaviour'];

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
  if (parts[0] === 'apis' && parts[1]) return { api: parts[1], version: parts[2] || null, page: null };
  if (API_PAGES.includes(parts[0]) && parts[1]) return { api: parts[1], version: null, page: parts[0] };
  return { api: null, version: null, page: null };
}

export function pageHref(page, api) {
  return `#/${page}/${encodeURIComponent(api)}`;
}

export function apiHref(api, version) {
  return `#/apis/${encodeURIComponent(api)}${version ? `/${encodeURIComponent(version)}` : ''}`;
}
