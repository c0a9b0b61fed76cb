import SwaggerParser from '@apidevtools/swagger-parser';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ingest } from '../../worker/ingest/ingest';

const dir = new URL('../../spec-examples/', import.meta.url);
const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f));

// swagger-parser is the reference validator where it runs (Node): every example spec must pass it,
// and specmock's own ingest must accept the same documents in strict mode.
describe.each(files)('spec-examples/%s', (file) => {
  const text = readFileSync(new URL(file, dir), 'utf8');
  it('is valid according to swagger-parser', async () => {
    await expect(SwaggerParser.validate(structuredClone(parse(text)))).resolves.toBeTruthy();
  });
  it('publishes in strict mode with every operation', async () => {
    const doc = parse(text) as { paths: Record<string, Record<string, unknown>> };
    const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
    const expected = Object.values(doc.paths).reduce(
      (n, item) => n + Object.keys(item).filter((k) => methods.includes(k)).length,
      0,
    );
    const { plan } = await ingest(text, { strict: true });
    expect(plan.operations).toHaveLength(expected);
  });
});
