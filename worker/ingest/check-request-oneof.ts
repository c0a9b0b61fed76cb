import { generate } from '../mock/generate/index';
import { ONEOF_OVERLAP } from '../mock/generate/context';
import { walkSchemas } from './walk-schemas';
import type { Plan, PlanWarning, Schema, SchemaObject } from '../mock/plan';
import { escapeToken } from './json-pointer';

const MAX_CHECKED = 300;
const OVERLAP = /more than one oneOf branch|another oneOf branch accepts every value/;

/**
 * A request `oneOf` whose branches overlap so that every value matches several of them would make
 * every request 422. Each `oneOf` reachable from request parameters and bodies is generated once
 * (request direction); when no value matching exactly one branch exists, it is marked so request
 * validation reads it as `anyOf`, with a warning. The values are those a client would send
 * (`natural`): branches told apart only by an optional member of one that the other would have
 * to hold with a value it rejects (ShipEngine's `carrier_id` / `carrier_ids`, neither required)
 * overlap for every real request.
 */
export function markOverlappingRequestOneOfs(plan: Plan): PlanWarning[] {
  const warnings: PlanWarning[] = [];
  const checked = new Set<SchemaObject>();
  // Defs an earlier root walked whole: their oneOfs are checked already (each once, whatever the root).
  let walked = new Set<string>();
  for (const op of plan.operations) {
    const roots: { schema: Schema; at: string }[] = [];
    const at = `/paths/${escapeToken(op.path)}/${op.method}`;
    for (const p of op.parameters) roots.push({ schema: p.schema, at: `${at}/parameters` });
    for (const [type, media] of Object.entries(op.requestBody?.content ?? {}))
      if (media.schema)
        roots.push({ schema: media.schema, at: `${at}/requestBody/content/${escapeToken(type)}` });
    for (const root of roots) {
      const nodes: SchemaObject[] = [];
      const cut = walkSchemas(
        [root.schema],
        plan.defs,
        (node) => {
          if (Array.isArray(node.oneOf)) nodes.push(node as SchemaObject);
          return nodes.length >= MAX_CHECKED;
        },
        walked,
      );
      // A walk cut short left defs unvisited that it counted as seen: the next root walks afresh.
      if (cut) walked = new Set();
      for (const node of nodes) {
        if (checked.has(node) || checked.size >= MAX_CHECKED) continue;
        checked.add(node);
        if (!overlapping(node, plan)) continue;
        node[ONEOF_OVERLAP] = true;
        warnings.push({
          pointer: root.at,
          message: `a oneOf here has overlapping branches (no value matches exactly one); request validation treats it as anyOf`,
        });
      }
    }
  }
  return warnings;
}

/**
 * Whether no value a client would send (`natural`) matches exactly one branch of `node`. The
 * smallest shapes: whether one value matches exactly one branch shows at any depth, and
 * full-depth exclusivity checks on recursive ASTs (influxdata.com's Flux) explode. A node the
 * strict reading cannot generate at all is read again as request validation reads it
 * (lenient-request.ts: a closed object's names that only its composed schemas declare are
 * admitted), and an overlap is then told apart from that; most never need it.
 */
function overlapping(node: SchemaObject, plan: Plan): boolean {
  const options = {
    seed: 'request-oneof',
    defs: plan.defs,
    direction: 'request',
    refDate: 0,
    maxDepth: 1,
    natural: true,
  } as const;
  const strict = generate(node, options);
  if (strict.ok) return false;
  if (OVERLAP.test(strict.reason)) return true;
  const lenient = generate(node, { ...options, relax: 'discover' });
  return lenient.ok
    ? lenient.relaxed?.some((x) => x.reason === 'oneof-overlap' && x.node === node) === true
    : OVERLAP.test(lenient.reason);
}
