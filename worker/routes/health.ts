import { answerCacheStats } from '../mock-call/answer-cache';

/** Liveness, and this isolate's answer cache (the bench reports its hit rate). */
export function health(): Response {
  return Response.json({ ok: true, answerCache: answerCacheStats() });
}
