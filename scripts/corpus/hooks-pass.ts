import { hookRequest } from '../../worker/hooks/payload';
import { parseTemplate } from '../../worker/hooks/runtime-expression';
import type { MockTarget } from '../../worker/mock/call';
import type { HookPlan } from '../../worker/mock/plan';
import type { IndependentValidator } from './independent-validator';

/** Issue 21's corpus counts for one description: its webhooks and callbacks, and how they fared. */
export interface HookTally {
  webhooks: number;
  callbacks: number;
  /** Callback URL expressions that parse. */
  parsed: number;
  /** Payloads made (example or generated) and serialised. */
  generated: number;
  /** Of those, judged by the independent validator: valid, invalid, not judged (no JSON schema). */
  valid: number;
  invalid: number;
  unchecked: number;
  failures: string[];
}

export function emptyHookTally(): HookTally {
  return {
    webhooks: 0,
    callbacks: 0,
    parsed: 0,
    generated: 0,
    valid: 0,
    invalid: 0,
    unchecked: 0,
    failures: [],
  };
}

/** Where the hook's operation object is written, from the document's root. */
function tokensOf(target: MockTarget, hook: HookPlan): string[] | undefined {
  const method = hook.operation.method;
  if (hook.kind === 'webhook') return ['webhooks', hook.name, method];
  const op = target.plan.operations.find((o) => o.id === hook.trigger);
  if (!op || hook.expression === undefined) return undefined;
  const callback = hook.name.slice(hook.trigger!.length + 1);
  return ['paths', op.path, op.method, 'callbacks', callback, hook.expression, method];
}

export function hooksPass(target: MockTarget, validator: IndependentValidator): HookTally {
  const tally = emptyHookTally();
  const fail = (what: string) => {
    if (tally.failures.length < 5) tally.failures.push(what.slice(0, 300));
  };
  for (const hook of target.plan.hooks ?? []) {
    if (hook.kind === 'webhook') tally.webhooks++;
    else {
      tally.callbacks++;
      if (parseTemplate(hook.expression ?? '')) tally.parsed++;
      else fail(`${hook.name}: unparsed expression ${hook.expression}`);
    }
    const made = hookRequest(target, hook, { seed: 'corpus' });
    if (!made.ok) {
      fail(`${hook.name}: no payload: ${made.reason}`);
      continue;
    }
    tally.generated++;
    const tokens = tokensOf(target, hook);
    const verdict =
      tokens && made.request.body !== null
        ? validator.checkRequestBody(tokens, made.request.headers['content-type'] ?? '', made.request.body)
        : undefined;
    if (!verdict || verdict.kind) tally.unchecked++;
    else if (verdict.valid) tally.valid++;
    else {
      tally.invalid++;
      fail(`${hook.name}: invalid payload (${verdict.kind}) ${verdict.detail ?? ''}`);
    }
  }
  return tally;
}
