import type { StateLayer } from '../mock/mock';
import { listItems, readItem } from './read-verbs';
import { bindingKey, type Role } from './resources';
import type { SandboxContext } from './sandbox-context';
import { ensureSeeded } from './seeding';
import { notFound } from './answers';
import { deletedParent } from './used-parent';
import { createItem, mergeItem, removeItem, replaceItem } from './write-verbs';

const VERBS = {
  list: listItems,
  read: readItem,
  create: createItem,
  replace: replaceItem,
  merge: mergeItem,
  remove: removeItem,
} satisfies Record<Role, unknown>;

/**
 * The stateful layer the pure mock calls after routing, security and validation: operations bound to
 * an inferred resource read and write the sandbox's items; every other operation, and any call that
 * asks for a specific response (`Prefer: code=…` or `example=…`), is answered statelessly.
 */
export function sandboxLayer(ctx: SandboxContext): StateLayer {
  return (call) => {
    if (call.prefs.code !== undefined || call.prefs.example !== undefined) return undefined;
    const binding = ctx.model.resources.bindings[bindingKey(call.operation.method, call.operation.path)];
    if (!binding) return undefined;
    const gone = deletedParent(ctx, binding.resource, call.pathParams);
    if (gone !== undefined) return notFound(call.operation, gone);
    const scope = ensureSeeded(ctx, binding.resource, call.pathParams);
    return VERBS[binding.role](ctx, binding.resource, scope, call);
  };
}
