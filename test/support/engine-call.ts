import { mock, prepareTarget, type MockOutcome } from '../../worker/mock/mock';
import { ingest } from '../../worker/ingest/ingest';

/**
 * One call to a description through the pure engine (published as ingest reads it, on the tests'
 * reference date), with a JSON body (or another type) when one is given.
 */
export async function engineCall(
  spec: string,
  method: string,
  path: string,
  {
    query = [],
    body,
    contentType = 'application/json',
  }: { query?: [string, string][]; body?: unknown; contentType?: string } = {},
): Promise<MockOutcome> {
  const target = prepareTarget((await ingest(spec)).plan, Date.UTC(2026, 0, 1));
  return mock(target, {
    method,
    path,
    query,
    headers: body === undefined ? {} : { 'content-type': contentType },
    ...(body === undefined ? {} : { body: { contentType, text: JSON.stringify(body) } }),
  });
}
