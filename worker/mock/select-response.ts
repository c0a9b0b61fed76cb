import type { Problem } from '../http/problem';
import type { OperationPlan, ResponsePlan } from './plan';

export type Selection =
  { ok: true; response: ResponsePlan; status: number } | { ok: false; problem: Problem };

/**
 * Default: the lowest 2xx, then a `2XX` range, then `default` (as 200), then whatever the operation
 * defines first. With `Prefer: code=N`: N exactly, then its `NXX` range, then `default` (as N).
 */
export function selectResponse(operation: OperationPlan, preferredCode: string | undefined): Selection {
  const responses = operation.responses;
  if (preferredCode !== undefined) {
    const code = Number(preferredCode);
    if (!/^[1-5]\d\d$/.test(preferredCode) || !Number.isInteger(code)) {
      return {
        ok: false,
        problem: {
          type: 'bad-request',
          detail: `Preferred status code "${preferredCode}" is not an HTTP status code (100–599).`,
        },
      };
    }
    const hit = responseFor(operation, code);
    if (hit) return { ok: true, response: hit, status: code };
    return {
      ok: false,
      problem: {
        type: 'status-not-defined',
        detail: `Requested status code ${preferredCode} is not defined in the document.`,
      },
    };
  }
  const numeric = responses
    .filter((r) => /^\d{3}$/.test(r.status))
    .sort((a, b) => Number(a.status) - Number(b.status));
  const success = numeric.find((r) => r.status.startsWith('2'));
  if (success) return { ok: true, response: success, status: Number(success.status) };
  const range = responses.find((r) => r.status === '2XX');
  if (range) return { ok: true, response: range, status: 200 };
  const fallback = responses.find((r) => r.status === 'DEFAULT');
  if (fallback) return { ok: true, response: fallback, status: 200 };
  // No success defined at all: the first response in the spec's order, ranges as their base code.
  const first = responses.find((r) => /^[1-5](\d\d|XX)$/.test(r.status));
  if (first) return { ok: true, response: first, status: Number(first.status.replace('XX', '00')) };
  return {
    ok: false,
    problem: {
      type: 'no-response-defined',
      detail: `${operation.method.toUpperCase()} ${operation.path} defines no response to mock.`,
    },
  };
}

/** The spec's own response for a status: exact, then its range (the sandbox's 404 and 409). */
export function specResponseFor(operation: OperationPlan, status: number): ResponsePlan | undefined {
  const code = String(status);
  return (
    operation.responses.find((r) => r.status === code) ??
    operation.responses.find((r) => r.status === `${code[0]}XX`)
  );
}

/**
 * The response that answers `status`: exact, then its range, then `default`. `Prefer: code=`, the
 * behaviour settings and the mock's own refusals all pick through here, so they always agree.
 */
export function responseFor(operation: OperationPlan, status: number): ResponsePlan | undefined {
  return specResponseFor(operation, status) ?? operation.responses.find((r) => r.status === 'DEFAULT');
}
