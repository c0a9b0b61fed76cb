import type { OperationPlan, Plan } from './plan';
import { derefShallow, isObj } from './schema-refs';

const INTEGER = /^-?\d+$/;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether path values plainly fit an operation's path parameters: an integer, a number, a boolean,
 * a uuid, one of an enum. Only these cheap readings, asked only between two templates of one
 * shape (jellyfin's `/MusicGenres/{id}/InstantMix`, a uuid, and `/MusicGenres/{name}/InstantMix`):
 * the first that fits answers, where the first declared took every call and refused the names.
 */
export function pathParamFit(op: OperationPlan, plan: Plan): (params: Record<string, string>) => boolean {
  const tests: [string, (value: string) => boolean][] = [];
  for (const p of op.parameters) {
    if (p.in !== 'path') continue;
    const schema = derefShallow(p.schema, plan.defs);
    if (!isObj(schema)) continue;
    if (Array.isArray(schema.enum)) {
      const values = new Set(schema.enum.map(String));
      tests.push([p.name, (v) => values.has(v)]);
    } else if (schema.type === 'integer') tests.push([p.name, (v) => INTEGER.test(v)]);
    else if (schema.type === 'number') tests.push([p.name, (v) => NUMBER.test(v)]);
    else if (schema.type === 'boolean') tests.push([p.name, (v) => v === 'true' || v === 'false']);
    else if (schema.format === 'uuid') tests.push([p.name, (v) => UUID.test(v)]);
  }
  return (params) => tests.every(([name, test]) => params[name] === undefined || test(params[name]));
}
