import { generate } from './generate/index';
import type { JsonValue, Plan, Schema } from './plan';

/** The operation list the dashboard and CLI show, with a request body example to start from. */
export function describeOperations(plan: Plan, refDate: number) {
  const sample = (schema: Schema | undefined, seed: string): JsonValue | undefined => {
    if (schema === undefined) return undefined;
    const result = generate(schema, { seed, defs: plan.defs, refDate, direction: 'request' });
    return result.ok ? result.value : undefined;
  };
  return plan.operations.map((op) => {
    const bodyType = op.requestBody ? Object.keys(op.requestBody.content)[0] : undefined;
    const bodyMedia = bodyType ? op.requestBody!.content[bodyType] : undefined;
    return {
      id: op.id,
      method: op.method,
      path: op.path,
      summary: op.summary ?? '',
      tags: op.tags,
      deprecated: op.deprecated,
      parameters: op.parameters.map((p) => ({
        name: p.name,
        in: p.in,
        required: p.required,
        schema: p.schema,
        example: sample(p.schema, `${op.id}:${p.in}:${p.name}`),
      })),
      requestBody:
        op.requestBody && bodyType
          ? {
              required: op.requestBody.required,
              contentType: bodyType,
              contentTypes: Object.keys(op.requestBody.content),
              example: bodyMedia!.examples[0]?.value ?? sample(bodyMedia!.schema, `${op.id}:body`) ?? null,
            }
          : null,
      responses: op.responses.map((r) => ({
        status: r.status,
        description: r.description,
        mediaTypes: Object.keys(r.content),
        examples: [...new Set(Object.values(r.content).flatMap((m) => m.examples.map((e) => e.name)))],
      })),
      security: op.security,
    };
  });
}
