import type { HookPlan, Plan } from '../mock/plan';
import { parseTemplate, type Template } from './runtime-expression';

/** A callback with its URL template parsed (undefined: the key is no usable expression). */
export interface IndexedCallback {
  hook: HookPlan;
  template: Template | undefined;
}

/** A plan's hooks as the mock path needs them: callbacks by their operation, URLs already parsed. */
interface HookIndex {
  callbacks: Map<string, IndexedCallback[]>;
  webhooks: Map<string, HookPlan>;
}

const memo = new WeakMap<Plan, HookIndex>();

/** Built once per plan object (one per isolate and version): a mock call never parses a template. */
export function hookIndex(plan: Plan): HookIndex {
  let index = memo.get(plan);
  if (index) return index;
  index = { callbacks: new Map(), webhooks: new Map() };
  for (const hook of plan.hooks ?? []) {
    if (hook.kind === 'webhook') {
      if (!index.webhooks.has(hook.name)) index.webhooks.set(hook.name, hook);
      continue;
    }
    const list = index.callbacks.get(hook.trigger ?? '') ?? [];
    list.push({ hook, template: parseTemplate(hook.expression ?? '') });
    index.callbacks.set(hook.trigger ?? '', list);
  }
  memo.set(plan, index);
  return index;
}
