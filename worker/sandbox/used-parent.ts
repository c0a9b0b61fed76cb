import type { Resource } from './resources';
import type { SandboxContext } from './sandbox-context';

const PARAM = /\{[^{}/]+\}/g;
/** A template with its parameters unnamed and a trailing format suffix dropped (`.json`). */
const stem = (template: string): string => template.replace(PARAM, '{}').replace(/\.[A-Za-z0-9]+$/, '');

/**
 * The scopes of the collections directly under item `id` of `resource` (an account's messages, an
 * asset's playback ids), whether or not the sandbox has used them.
 */
export function childScopes(
  ctx: SandboxContext,
  resource: Resource,
  pathParams: Record<string, string>,
  id: string,
): string[] {
  if (resource.itemPath === undefined) return [];
  const prefix = `${stem(resource.itemPath)}/`;
  const values = [...resource.scopeParams.map((p) => pathParams[p] ?? ''), id];
  return ctx.model.resources.resources
    .filter(
      (child) =>
        child !== resource &&
        child.scopeParams.length === values.length &&
        child.collectionPath.replace(PARAM, '{}').startsWith(prefix),
    )
    .map((child) => [child.collectionPath, ...values].join('\u0000'));
}

/**
 * Whether item `id` of `resource` is the parent of a collection the sandbox has already used:
 * Twilio's client creates messages under `/Accounts/AC1/Messages.json` and then fetches
 * `/Accounts/AC1.json`, an account it never created because a caller's own account is never created
 * through the API. An item the caller's calls already stand on exists, so its read is answered as a
 * read-only item's (statelessly) instead of 404. Deleting an item drops its collections, so a
 * deleted parent stays deleted.
 */
export function isUsedParent(
  ctx: SandboxContext,
  resource: Resource,
  pathParams: Record<string, string>,
  id: string,
): boolean {
  return childScopes(ctx, resource, pathParams, id).some((scope) => ctx.store.isSeeded(scope));
}

/**
 * Whether the item a scope of `resource` hangs under was created in this sandbox: a new calendar
 * has no events and a new task list no tasks, so its collections start empty, not with the
 * stateless list a seeded parent's collections start with.
 */
export function underCreatedParent(
  ctx: SandboxContext,
  resource: Resource,
  pathParams: Record<string, string>,
): boolean {
  const parent = parentOf(ctx, resource, pathParams);
  return (
    parent !== undefined &&
    ctx.store.has(parent.scope, parent.id) &&
    !ctx.store.isSeededItem(parent.scope, parent.id)
  );
}

/**
 * The identifier of the deleted item a scope of `resource` hangs under, if it does: a deleted task
 * list has no tasks to list or add (its collections were dropped with it, and would otherwise start
 * again from the stateless list). A parent the sandbox never held is not refused: a caller's own
 * account is never created through the API (see `isUsedParent`).
 */
export function deletedParent(
  ctx: SandboxContext,
  resource: Resource,
  pathParams: Record<string, string>,
): string | undefined {
  const parent = parentOf(ctx, resource, pathParams);
  return parent !== undefined && ctx.store.has(goneScope(parent.scope), parent.id) ? parent.id : undefined;
}

/** Remembers a deleted item (`forget`: created again), in a scope of its own beside its collection's. */
export function markDeleted(ctx: SandboxContext, scope: string, id: string, forget = false): void {
  const gone = goneScope(scope);
  if (forget) {
    if (ctx.store.has(gone, id)) ctx.store.remove(gone, id);
    return;
  }
  if (!ctx.store.isSeeded(gone)) ctx.store.seed(gone, []);
  ctx.store.put(gone, id, true);
}

/** A collection's scope starts with its path's `/`: no scope of one starts with this. */
const goneScope = (scope: string): string => `\u0001deleted\u0000${scope}`;

/** The collection and identifier of the item a scope of `resource` hangs under, when the model has it. */
function parentOf(
  ctx: SandboxContext,
  resource: Resource,
  pathParams: Record<string, string>,
): { scope: string; id: string } | undefined {
  const n = resource.scopeParams.length;
  if (n === 0) return undefined;
  const unnamed = resource.collectionPath.replace(PARAM, '{}');
  const last = resource.scopeParams[n - 1];
  const candidates = ctx.model.resources.resources.filter(
    (p) => p !== resource && p.itemPath !== undefined && p.scopeParams.length === n - 1,
  );
  // Below the parent's item path, or else named by its parameter: Google Tasks creates lists at
  // `/users/@me/lists/{tasklist}` and keeps their tasks at `/lists/{tasklist}/tasks`.
  const parent =
    candidates.find((p) => unnamed.startsWith(`${stem(p.itemPath!)}/`)) ??
    candidates.find((p) => p.idParam === last);
  if (!parent) return undefined;
  const values = resource.scopeParams.map((p) => pathParams[p] ?? '');
  return { scope: [parent.collectionPath, ...values.slice(0, -1)].join('\u0000'), id: values[n - 1] };
}
