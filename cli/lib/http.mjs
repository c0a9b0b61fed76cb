// A small HTTP client on node:http(s): an explicit Content-Length (the server checks the size cap
// before reading), upload progress for large bodies, and errors sorted into "unreachable" vs. the rest.
import http from 'node:http';
import https from 'node:https';

/** Thrown when no HTTP exchange happened at all: the CLI exits with code 2. */
export class UnreachableError extends Error {
  constructor(url, cause) {
    const code = cause?.code ? ` (${cause.code})` : '';
    super(`cannot reach ${url}${code}: ${cause?.message ?? cause}`);
    this.name = 'UnreachableError';
  }
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'EPIPE',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * request(method, url, { headers, body, timeoutMs, onProgress(sent, total) })
 * → { status, headers, text, json }. `json` is the parsed body when it is JSON, else undefined.
 */
export function request(method, url, { headers = {}, body, timeoutMs = 120_000, onProgress } = {}) {
  let target;
  try {
    target = new URL(url);
  } catch {
    return Promise.reject(new Error(`not a valid URL: ${url}`));
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    return Promise.reject(new Error(`the server URL must be http:// or https://, not ${target.protocol}`));
  const lib = target.protocol === 'https:' ? https : http;
  const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body);
  const allHeaders = {
    'user-agent': 'specmock-cli',
    accept: 'application/json, application/problem+json',
    ...headers,
  };
  if (payload) allHeaders['content-length'] = String(payload.length);
  return new Promise((resolve, reject) => {
    let settled = false;
    const done = (fn, value) => {
      if (settled) return;
      settled = true;
      fn(value);
    };
    const req = lib.request(target, { method, headers: allHeaders }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', (e) => done(reject, new UnreachableError(target.origin, e)));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        if (/json/i.test(res.headers['content-type'] ?? '')) {
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
        }
        done(resolve, { status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.setTimeout(timeoutMs, () =>
      req.destroy(Object.assign(new Error(`no answer within ${timeoutMs / 1000} s`), { code: 'ETIMEDOUT' })),
    );
    req.on('error', (e) =>
      done(
        reject,
        UNREACHABLE.has(e.code) || e.code === undefined ? new UnreachableError(target.origin, e) : e,
      ),
    );
    if (!payload) {
      req.end();
      return;
    }
    // Write in chunks so progress reflects what the socket actually accepted.
    const CHUNK = 256 * 1024;
    let offset = 0;
    const pump = () => {
      while (offset < payload.length) {
        const end = Math.min(offset + CHUNK, payload.length);
        const ok = req.write(payload.subarray(offset, end));
        offset = end;
        onProgress?.(offset, payload.length);
        if (!ok) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}
