import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ingest } from '../worker/ingest/ingest';
import type { JsonValue, Plan, Schema } from '../worker/mock/plan';
import { generate } from '../worker/mock/generate/index';

/** Used by `npm run bench:generate`: the specs and their response schemas. */

export interface SpecSource {
  name: string;
  text: string;
}

export function specSources(root: string): SpecSource[] {
  const dir = join(root, 'spec-examples');
  const out: SpecSource[] = readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/i.test(f))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') }));
  if (!process.env.SKIP_GITHUB) {
    try {
      const require = createRequire(import.meta.url);
      const pkg = require.resolve('@octokit/openapi/package.json', { paths: [root] });
      const file = join(dirname(pkg), 'generated', 'api.github.com.json');
      out.push({ name: 'github api.github.com.json', text: readFileSync(file, 'utf8') });
    } catch (e) {
      console.warn(`GitHub description not found (${e instanceof Error ? e.message : e}); skipping it`);
    }
  }
  return out;
}

export interface ResponseCase {
  id: string;
  schema: Schema;
  pathParams: Record<string, string>;
  seed: string;
}

/** Every response media schema of every operation, with plausible path parameter values. */
export function responseCases(plan: Plan): ResponseCase[] {
  const cases: ResponseCase[] = [];
  for (const op of plan.operations) {
    const pathParams: Record<string, string> = {};
    for (const p of op.parameters) {
      if (p.in !== 'path') continue;
      const r = generate(p.schema, {
        seed: `param:${op.path}:${p.name}`,
        defs: plan.defs,
        direction: 'request',
      });
      const v: JsonValue = r.ok ? r.value : 'x';
      pathParams[p.name] = typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
    for (const res of op.responses) {
      for (const [mediaType, media] of Object.entries(res.content)) {
        if (media.schema === undefined) continue;
        cases.push({
          id: `${op.method.toUpperCase()} ${op.path} ${res.status} ${mediaType}`,
          schema: media.schema,
          pathParams,
          seed: `${op.method} ${op.path}`,
        });
      }
    }
  }
  return cases;
}

export async function loadPlan(src: SpecSource): Promise<Plan> {
  const { plan } = await ingest(src.text);
  return plan;
}
