import { readUpTo } from '../util/bytes';
import { credentialNames, redactHeaders } from '../request-log/redact';
import { ATTEMPT_TIMEOUT_MS, MAX_RESPONSE_BODY, type Attempt, type Delivery } from './delivery';

/**
 * One attempt: the request as stored, with the timeout of the contract; redirects are not followed
 * (a public receiver must not bounce the service onto a private one). The receiver's answer is read
 * up to MAX_RESPONSE_BODY and the rest cancelled, so a huge or endless body costs nothing.
 */
export async function sendAttempt(
  delivery: Delivery,
  headers: Record<string, string>,
  now: () => number,
): Promise<{ attempt: Attempt; response?: Delivery['response'] }> {
  const started = now();
  const at = new Date(started).toISOString();
  try {
    const res = await fetch(delivery.url, {
      method: delivery.request.method,
      headers,
      body:
        delivery.request.method === 'GET' || delivery.request.method === 'HEAD'
          ? null
          : delivery.request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
    });
    const { text, truncated } = await capped(res);
    const attempt: Attempt = { at, status: res.status, durationMs: now() - started };
    // The receiver's cookies and credentials are never stored (the request log's rule).
    const answerHeaders = redactHeaders(
      [...res.headers].slice(0, 50).map(([k, v]): [string, string] => [k, v.slice(0, 1000)]),
      credentialNames(undefined),
    );
    return {
      attempt,
      response: {
        status: res.status,
        headers: answerHeaders,
        body: text,
        ...(truncated ? { truncated } : {}),
      },
    };
  } catch (e) {
    const error =
      e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')
        ? `no answer within ${ATTEMPT_TIMEOUT_MS / 1000} s`
        : `could not connect: ${e instanceof Error ? e.message : String(e)}`.slice(0, 300);
    return { attempt: { at, durationMs: now() - started, error } };
  }
}

async function capped(res: Response): Promise<{ text: string; truncated?: true }> {
  const { bytes, over } = await readUpTo(res.body, MAX_RESPONSE_BODY);
  const text = new TextDecoder().decode(bytes);
  return over ? { text, truncated: true } : { text };
}
