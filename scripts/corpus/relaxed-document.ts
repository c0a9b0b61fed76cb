/**
 * A lenient body is judged against its description with exactly the keywords its plan records as
 * relaxed (`MediaPlan.relaxed`) read the relaxed way, and every other keyword as written: a copy of
 * the registered document with those keywords changed, nothing else. Judging the body against the
 * changed schema, not filtering the errors of the unchanged one, keeps a relaxed keyword deep inside
 * a `oneOf` branch from failing that branch and, through it, the `oneOf` around it.
 *
 * A recorded pointer names a keyword where the mock met it, so it may pass through `$ref`s
 * (`/paths/~1a/get/responses/200/…` when that response is a ref); it is followed to where the
 * keyword is written. The relaxed readings: a `oneOf` becomes `anyOf` (overlap excused, a miss
 * never); `recursion-cut` admits null at the keyword (`type`, `enum`, `const`); any other keyword is
 * dropped.
 */

export interface RelaxedKeyword {
  reason: string;
  pointer: string;
}

/** A copy of `doc` with each recorded keyword relaxed; the pointers no keyword answers to are returned too. */
export function relaxDocument(
  doc: Record<string, unknown>,
  relaxed: readonly RelaxedKeyword[],
): { doc: Record<string, unknown>; unknown: string[] } {
  const copy = structuredClone(doc);
  const unknown: string[] = [];
  for (const { reason, pointer } of relaxed) {
    const tokens = pointer.split('/').slice(1).map(unescape);
    const keyword = tokens.pop();
    const node = follow(copy, tokens);
    if (keyword === undefined || !isObj(node) || !(keyword in node)) unknown.push(pointer);
    else relaxKeyword(node, keyword, reason);
  }
  return { doc: copy, unknown };
}

function relaxKeyword(node: Record<string, unknown>, keyword: string, reason: string): void {
  const value = node[keyword];
  if (keyword === 'oneOf') {
    delete node.oneOf;
    if (node.anyOf === undefined) node.anyOf = value;
    else node.allOf = [...(Array.isArray(node.allOf) ? node.allOf : []), { anyOf: value }];
  } else if (reason === 'recursion-cut' && keyword === 'type') {
    const types = Array.isArray(value) ? value : [value];
    node.type = types.includes('null') ? types : [...types, 'null'];
  } else if (reason === 'recursion-cut' && keyword === 'enum' && Array.isArray(value)) {
    if (!value.includes(null)) node.enum = [...value, null];
  } else if (reason === 'recursion-cut' && keyword === 'const') {
    delete node.const;
    node.enum = [value, null];
  } else delete node[keyword];
}

/** The node at `tokens`, following internal `$ref`s on the way (not the last node's own). */
export function follow(doc: Record<string, unknown>, tokens: string[]): unknown {
  let node: unknown = doc;
  for (const t of tokens) {
    for (let hops = 0; hops < 32 && isRef(node) && !(t in node); hops++) node = at(doc, node.$ref);
    if (!isObj(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[t];
  }
  return node;
}

/** The node an internal `$ref` names. */
export function at(doc: Record<string, unknown>, ref: string): unknown {
  let node: unknown = doc;
  for (const t of decodeURIComponent(ref.slice(1)).split('/').slice(1).map(unescape)) {
    if (!isObj(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[t];
  }
  return node;
}

function isRef(n: unknown): n is { $ref: string } {
  return isObj(n) && typeof n.$ref === 'string' && n.$ref.startsWith('#');
}

function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function unescape(t: string): string {
  return t.replace(/~1/g, '/').replace(/~0/g, '~');
}
