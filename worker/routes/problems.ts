import { fail, PROBLEM_BASE, PROBLEMS, type ProblemType } from '../http/problem';
import type { AppRequest } from '../http/app-request';

/** The problem catalogue, so the `type` of any error can be looked up on the deployment itself. */
export function problemCatalogue(): Response {
  return Response.json({
    problems: Object.entries(PROBLEMS).map(([slug, p]) => ({ type: PROBLEM_BASE + slug, slug, ...p })),
  });
}

export function problemEntry(request: AppRequest): Response {
  const slug = request.params.slug;
  if (!(slug in PROBLEMS))
    fail('not-found', `No problem type "${slug.slice(0, 80)}"; GET /problems lists them.`);
  return Response.json({ type: PROBLEM_BASE + slug, slug, ...PROBLEMS[slug as ProblemType] });
}
