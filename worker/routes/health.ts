import { fixedResponse } from '../http/decorate';
import type { AppRequest } from '../http/app-request';
import { answerCacheStats } from '../mock-call/answer-cache';

/** The one shape of this route's answer: its headers are built once (decorate.ts). */
const HEALTH = { status: 200 };
const headersOf = () => ({ 'content-type': 'application/json' });

/** Liveness, and this isolate's answer cache (the bench reports its hit rate). */
export function health(request: AppRequest): Response {
  return fixedResponse(
    JSON.stringify({ ok: true, answerCache: answerCacheStats() }),
    HEALTH,
    request,
    headersOf,
  );
}
