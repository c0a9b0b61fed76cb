// The specmock control-plane client (same origin). Errors become ApiError with the parsed
// RFC 9457 problem, or kind "network" when the service cannot be reached at all.

class ApiError extends Error {
  constructor({ kind, status = 0, problem = null, message, headers = null }) {
    super(message || problem?.detail || problem?.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.kind = kind; // 'network' | 'http'
    this.status = status;
    this.problem = problem;
    this.headers = headers;
  }
}

function parseMaybeJson(text) {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function problemFrom(status, text, statusText) {
  const parsed = parseMaybeJson(text);
  if (parsed && typeof parsed === 'object' && (parsed.title || parsed.detail)) return parsed;
  return { title: statusText || `HTTP ${status}`, status, detail: text ? text.slice(0, 500) : '' };
}

export function createClient(getKey) {
  async function request(method, path, { body, headers = {}, auth = true } = {}) {
    const h = { Accept: 'application/json, application/problem+json', ...headers };
    const key = getKey();
    if (auth && key) h.Authorization = `Bearer ${key}`;
    let res;
    try {
      res = await fetch(path, { method, headers: h, body, cache: 'no-store' });
    } catch {
      throw new ApiError({ kind: 'network', message: 'The service could not be reached.' });
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) {
      throw new ApiError({
        kind: 'http',
        status: res.status,
        problem: problemFrom(res.status, text, res.statusText),
        headers: res.headers,
      });
    }
    return { status: res.status, data: parseMaybeJson(text), headers: res.headers };
  }

  const enc = encodeURIComponent;
  return {
    request,
    health: () => request('GET', '/healthz', { auth: false }),
    createKey: () =>
      request('POST', '/v1/keys', {
        auth: false,
        body: '{}',
        headers: { 'Content-Type': 'application/json' },
      }),
    usage: () => request('GET', '/v1/usage'),
    listApis: () => request('GET', '/v1/apis'),
    getApi: (api) => request('GET', `/v1/apis/${enc(api)}`),
    getVersion: (api, version) => request('GET', `/v1/apis/${enc(api)}/versions/${enc(version)}`),
    source: async (api, version) => {
      const key = getKey();
      let res;
      try {
        res = await fetch(`/v1/apis/${enc(api)}/versions/${enc(version)}?format=source`, {
          headers: key ? { Authorization: `Bearer ${key}` } : {},
          cache: 'no-store',
        });
      } catch {
        throw new ApiError({ kind: 'network', message: 'The service could not be reached.' });
      }
      if (!res.ok) {
        const text = await res.text().catch(() => '');
        throw new ApiError({
          kind: 'http',
          status: res.status,
          problem: problemFrom(res.status, text, res.statusText),
          headers: res.headers,
        });
      }
      return { blob: await res.blob(), contentType: res.headers.get('content-type') || '' };
    },
    deleteVersion: (api, version) => request('DELETE', `/v1/apis/${enc(api)}/versions/${enc(version)}`),
    deleteApi: (api) => request('DELETE', `/v1/apis/${enc(api)}`),
    setVisibility: (api, visibility) =>
      request('PATCH', `/v1/apis/${enc(api)}`, {
        body: JSON.stringify({ visibility }),
        headers: { 'Content-Type': 'application/json' },
      }),
    rotateMockToken: (api) => request('POST', `/v1/apis/${enc(api)}/mock-token`),
    requests: (api, params) => request('GET', `/v1/apis/${enc(api)}/requests?${new URLSearchParams(params)}`),
    getBehaviour: (api) => request('GET', `/v1/apis/${enc(api)}/behaviour`),
    diff: (api, from, to) => request('GET', `/v1/apis/${enc(api)}/diff?${new URLSearchParams({ from, to })}`),
    putBehaviour: (api, settings) =>
      request('PUT', `/v1/apis/${enc(api)}/behaviour`, {
        body: JSON.stringify(settings),
        headers: { 'Content-Type': 'application/json' },
      }),
    upload: (opts) => uploadSpec({ ...opts, key: getKey() }),
  };
}

/**
 * PUT the spec with XMLHttpRequest so the upload reports progress.
 * Resolves { status, data } on 2xx; rejects with ApiError otherwise.
 */
function uploadSpec({ key, api, version, body, contentType, query, onProgress }) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const search = query && Object.keys(query).length ? `?${new URLSearchParams(query)}` : '';
    xhr.open('PUT', `/v1/apis/${encodeURIComponent(api)}/versions/${encodeURIComponent(version)}${search}`);
    // A FormData body sets its own multipart Content-Type, boundary included.
    if (contentType) xhr.setRequestHeader('Content-Type', contentType);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    if (key) xhr.setRequestHeader('Authorization', `Bearer ${key}`);
    xhr.upload.addEventListener('progress', (e) => {
      if (onProgress)
        onProgress({ phase: 'upload', loaded: e.loaded, total: e.lengthComputable ? e.total : 0 });
    });
    xhr.upload.addEventListener('load', () => {
      if (onProgress) onProgress({ phase: 'processing' });
    });
    xhr.addEventListener('load', () => {
      const text = xhr.responseText;
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve({ status: xhr.status, data: parseMaybeJson(text) });
      } else {
        reject(
          new ApiError({
            kind: 'http',
            status: xhr.status,
            problem: problemFrom(xhr.status, text, xhr.statusText),
          }),
        );
      }
    });
    xhr.addEventListener('error', () =>
      reject(new ApiError({ kind: 'network', message: 'The upload could not reach the service.' })),
    );
    xhr.addEventListener('timeout', () =>
      reject(new ApiError({ kind: 'network', message: 'The upload timed out.' })),
    );
    xhr.addEventListener('abort', () =>
      reject(new ApiError({ kind: 'network', message: 'The upload was cancelled.' })),
    );
    xhr.send(body);
  });
}
