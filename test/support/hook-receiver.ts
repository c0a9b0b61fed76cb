// A webhook receiver on loopback for the CLI and browser tests: records every request it gets and
// answers with the statuses it is told to (then 200), with a header and a JSON body of its own so a
// test can see the receiver's answer in what specmock stored.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { createHmac } from 'node:crypto';

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HookReceiver {
  url: string;
  received: Received[];
  /** The statuses of the next answers, in order; after them every answer is 200. */
  answer(...statuses: number[]): void;
  close(): Promise<void>;
}

export async function startHookReceiver(): Promise<HookReceiver> {
  const received: Received[] = [];
  const queue: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const status = queue.shift() ?? 200;
      res.writeHead(status, {
        'content-type': 'application/json',
        'x-receiver': 'hook-receiver',
        // A credential of the receiver's: specmock must never store it.
        'set-cookie': 'session=receiver-secret',
      });
      res.end(JSON.stringify({ received: received.length, status }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('the receiver has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    received,
    answer: (...statuses) => queue.push(...statuses),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Whether `Specmock-Signature: t=<s>,v1=<hex>` signs `"<t>.<body>"` with `secret`, computed here from
 * the definition (HMAC-SHA256), not with the Worker's code.
 */
export function signedBy(received: Received, secret: string): boolean {
  const header = String(received.headers['specmock-signature'] ?? '');
  const parts = Object.fromEntries(header.split(',').map((p) => p.trim().split('=') as [string, string]));
  if (!parts.t || !parts.v1) return false;
  const expected = createHmac('sha256', secret).update(`${parts.t}.${received.body}`).digest('hex');
  return parts.v1 === expected;
}
