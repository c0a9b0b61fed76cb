// The problem a call refuses with (a ProblemError's problem); fails the test when it succeeds.
import { ProblemError, type Problem } from '../../worker/http/problem';

export async function refusal(run: () => unknown): Promise<Problem> {
  try {
    await run();
  } catch (e) {
    if (e instanceof ProblemError) return e.problem;
    throw e;
  }
  throw new Error('expected a problem');
}
