import type { HookPlan, PlanWarning } from '../mock/plan';
import { guessedNames, parseTemplate } from '../hooks/runtime-expression';
import { escapeToken } from './json-pointer';
import { isRecord } from './normalize-media';
import { pathItemOperations, type LocatedOperation, type PathItems } from './normalize';

/** More would be a document built to exhaust the publisher; real ones declare a few dozen. */
const MAX_HOOKS = 2000;

/**
 * The webhooks (`webhooks`, OpenAPI 3.1) and callbacks (an operation's `callbacks`, 3.0 and 3.1) as
 * requests the mock can send, read with the same rules as the paths' operations so their bodies are
 * generated and validated like any other. A callback is named `{operation id}.{callback name}`, the
 * name `POST /v1/apis/{api}/webhooks/{name}/deliveries` takes.
 */
export function normalizeHooks(
  doc: Record<string, unknown>,
  located: LocatedOperation[],
  items: PathItems,
  warn: (w: PlanWarning) => void,
): HookPlan[] {
  const hooks: HookPlan[] = [];
  const add = (hook: HookPlan, at: string): void => {
    if (hooks.length < MAX_HOOKS) hooks.push(hook);
    else if (hooks.length === MAX_HOOKS)
      warn({ pointer: at, message: `more than ${MAX_HOOKS} webhooks and callbacks; the rest are not sent` });
  };
  const { resolver } = items.ctx;
  const webhooks = isRecord(doc.webhooks) ? doc.webhooks : {};
  for (const [name, rawItem] of Object.entries(webhooks)) {
    const at = `/webhooks/${escapeToken(name)}`;
    for (const op of pathItemOperations(items, name, rawItem, at))
      add({ name, kind: 'webhook', operation: op.plan }, op.at);
  }
  for (const { plan, raw, at } of located) {
    const callbacks = resolver.deref(raw.callbacks, `${at}/callbacks`);
    if (!isRecord(callbacks)) continue;
    for (const [callbackName, rawCallback] of Object.entries(callbacks)) {
      const callbackAt = `${at}/callbacks/${escapeToken(callbackName)}`;
      const callback = resolver.deref(rawCallback, callbackAt);
      if (!isRecord(callback)) continue;
      for (const [expression, rawItem] of Object.entries(callback)) {
        if (expression.startsWith('x-')) continue;
        const itemAt = `${callbackAt}/${escapeToken(expression)}`;
        const template = parseTemplate(expression);
        const guessed = template ? guessedNames(template) : [];
        if (!template)
          warn({
            pointer: itemAt,
            message: `"${expression.slice(0, 200)}" is not a runtime expression URL; the callback is recorded as refused when it fires`,
          });
        else if (guessed.length > 0)
          warn({
            pointer: itemAt,
            message: `{${guessed.join('}, {')}} is no runtime expression; it is read as the URL the request carries (a member or query parameter of that name, else the body's first http(s) URL)`,
          });
        for (const op of pathItemOperations(items, expression, rawItem, itemAt))
          add(
            {
              name: `${plan.id}.${callbackName}`,
              kind: 'callback',
              trigger: plan.id,
              expression,
              operation: op.plan,
            },
            op.at,
          );
      }
    }
  }
  return hooks;
}
