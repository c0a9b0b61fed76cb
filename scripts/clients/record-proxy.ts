import http from 'node:http';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';

/** One HTTP exchange as the SDK sent it and the mock answered it (bodies cut, credentials redacted). */
export interface Exchange {
  method: string;
  path: string;
  requestHeaders: Record<string, string>;
  requestBody: string;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: string;
}

export interface Recorder {
  /** The proxy's origin: an SDK pointed here reaches the mock unchanged, path and all. */
  origin: string;
  exchanges: Exchange[];
  stop(): Promise<void>;
}

const BODY_CAP = 600;
const SECRET = /^(authorization|cookie|x-api-key|api-key|plaid-secret|x-auth-token)$/i;
const KEPT_RESPONSE_HEADERS = /^(content-type|link|location|allow|www-authenticate|x-specmock-.*)$/i;

/**
 * A loopback proxy between an SDK and the mock. The SDK is configured with the proxy's origin as it
 * would be with the mock's, so nothing in the SDK is patched, and every request it really sent is on
 * record for the failure report (the mock's own request log is not available for Prism). Recorded
 * paths are the SDK's, before any prefix.
 */
export async function startRecorder(upstream: string): Promise<Recorder> {
  const target = new URL(upstream);
  // An upstream with a path (the diagnostic --emulate-root) is a reverse proxy to that prefix.
  const prefix = target.pathname.replace(/\/$/, '');
  const exchanges: Exchange[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const headers = { ...req.headers, host: target.host };
      const out = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: prefix + (req.url ?? '/'),
          headers,
        },
        (answer) => {
          const back: Buffer[] = [];
          answer.on('data', (c: Buffer) => back.push(c));
          answer.on('end', () => {
            const text = Buffer.concat(back);
            exchanges.push({
              method: req.method ?? 'GET',
              path: req.url ?? '/',
              requestHeaders: pick(req.headers, (k) => !/^(host|connection|content-length)$/i.test(k)),
              requestBody: cut(body.toString('utf8')),
              status: answer.statusCode ?? 0,
              responseHeaders: pick(answer.headers, (k) => KEPT_RESPONSE_HEADERS.test(k)),
              responseBody: cut(decode(text, answer.headers['content-encoding'])),
            });
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(text);
          });
        },
      );
      out.on('error', (e) => {
        exchanges.push({
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          requestHeaders: {},
          requestBody: cut(body.toString('utf8')),
          status: 0,
          responseHeaders: {},
          responseBody: `connection failed: ${e.message}`,
        });
        res.writeHead(502).end();
      });
      out.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    exchanges,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function pick(headers: http.IncomingHttpHeaders, keep: (name: string) => boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined || !keep(k)) continue;
    out[k] = SECRET.test(k) ? '<redacted>' : Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function cut(text: string): string {
  return text.length > BODY_CAP ? `${text.slice(0, BODY_CAP)}… (${text.length} chars)` : text;
}

/** The recorded copy of a compressed answer is decoded; the SDK gets the bytes as they came. */
function decode(body: Buffer, encoding: string | undefined): string {
  try {
    if (encoding === 'gzip') return zlib.gunzipSync(body).toString('utf8');
    if (encoding === 'deflate') return zlib.inflateSync(body).toString('utf8');
    if (encoding === 'br') return zlib.brotliDecompressSync(body).toString('utf8');
  } catch {
    return `<${encoding} body that does not decode>`;
  }
  return body.toString('utf8');
}
