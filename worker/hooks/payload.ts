import type { MockTarget } from '../mock/call';
import { generate } from '../mock/generate/index';
import { isJsonMediaType } from '../mock/negotiate';
import type { HookPlan, JsonValue } from '../mock/plan';
import { bodyValue, type RenderContext } from '../mock/render-response';
import { serializeBody } from '../mock/serialize';

/** The request a delivery sends, before signing: its method, declared headers and body. */
export interface HookRequest {
  method: string;
  headers: Record<string, string>;
  body: string | null;
}

/**
 * The request of `hook` as the description declares it: the body's example first, else generated
 * from its schema (seeded, so the same delivery is the same bytes), with `values` (the request's or
 * the stored item's) reflected where the body has members of the same names, as a create's answer
 * reflects what was sent; header parameters the operation declares as required, generated. Pure.
 */
export function hookRequest(
  target: MockTarget,
  hook: HookPlan,
  { seed, values }: { seed: string; values?: JsonValue },
): { ok: true; request: HookRequest; value?: JsonValue } | { ok: false; reason: string } {
  const { operation } = hook;
  const headers: Record<string, string> = {};
  for (const p of operation.parameters) {
    if (p.in !== 'header' || !p.required) continue;
    const made = generate(p.schema, {
      seed: `${seed}\u0000header\u0000${p.name}`,
      defs: target.plan.defs,
      refDate: target.refDate,
      direction: 'request',
    });
    if (made.ok && made.value !== undefined && made.value !== null)
      headers[p.name.toLowerCase()] =
        typeof made.value === 'object' ? JSON.stringify(made.value) : String(made.value);
  }
  const content = operation.requestBody?.content ?? {};
  const types = Object.keys(content);
  const type = types.find(isJsonMediaType) ?? types[0];
  const method = operation.method.toUpperCase();
  if (type === undefined) return { ok: true, request: { method, headers, body: null } };
  const ctx: RenderContext = {
    target,
    request: { method, path: operation.path, query: [], headers: {} },
    operation,
    query: [],
    pathParams: {},
    prefs: {},
    seed: `${seed}\u0000${hook.name}`,
    status: 200,
    ...(values !== undefined ? { sent: values } : {}),
  };
  const media = content[type];
  const made = bodyValue(ctx, media, {}, type);
  if (!made.ok) return { ok: false, reason: made.problem.detail };
  if (made.value === undefined) return { ok: true, request: { method, headers, body: null } };
  const written = serializeBody(made.value, type, media.schema);
  if (!written.ok) return { ok: false, reason: written.detail };
  headers['content-type'] = type.includes('*') ? 'application/json' : type;
  return { ok: true, request: { method, headers, body: written.body }, value: made.value };
}
