import type { ErrorObject } from 'ajv';

/**
 * Which of the yardstick's errors a lenient body is excused from: only those at the exact schema
 * keywords its description's plan recorded as relaxed (`MediaPlan.relaxed`), nothing around them.
 * A recorded pointer names a keyword in the original document, written where the mock met it, so
 * it may pass through `$ref`s (`/paths/~1a/get/responses/200/…` when that response is a ref); it is
 * resolved here to where the keyword is written. An error's keyword location is the pointer of the
 * schema object Ajv reports as failing (`parentSchema`, found by identity in the registered
 * document) plus its keyword: Ajv's own `schemaPath` restarts at every compiled `$ref`.
 */
export class ExcusedErrors {
  private locations?: WeakMap<object, string>;
  private readonly canonical = new Map<string, string | undefined>();

  constructor(private readonly doc: Record<string, unknown>) {}

  /** The errors that remain once those at the recorded keywords are excused. */
  remaining(errors: ErrorObject[], recorded: readonly string[]): ErrorObject[] {
    const excused = new Set<string>();
    for (const p of recorded) {
      const at = this.resolve(p);
      if (at !== undefined) excused.add(at);
    }
    return errors.filter((e) => !this.isExcused(e, excused));
  }

  private isExcused(e: ErrorObject, excused: Set<string>): boolean {
    const parent: unknown = e.parentSchema;
    if (typeof parent !== 'object' || parent === null) return false;
    const at = this.locate(parent);
    if (at === undefined || !excused.has(`${at}/${e.keyword}`)) return false;
    // An overlapping oneOf is excused (the value matches several branches), a missed one never.
    if (e.keyword === 'oneOf')
      return Array.isArray((e.params as { passingSchemas?: unknown }).passingSchemas);
    return true;
  }

  private locate(node: object): string | undefined {
    if (!this.locations) {
      const map = (this.locations = new WeakMap());
      const stack: [unknown, string][] = [[this.doc, '']];
      while (stack.length) {
        const [n, p] = stack.pop()!;
        if (typeof n !== 'object' || n === null || map.has(n)) continue;
        map.set(n, p);
        for (const [k, v] of Object.entries(n)) stack.push([v, `${p}/${escape(k)}`]);
      }
    }
    return this.locations.get(node);
  }

  /** `/a/b/keyword` → where the schema object `/a/b` is written (refs followed), plus the keyword. */
  private resolve(pointer: string): string | undefined {
    if (this.canonical.has(pointer)) return this.canonical.get(pointer);
    const tokens = pointer.split('/').slice(1).map(unescape);
    const keyword = tokens.pop();
    let node: unknown = this.doc;
    let at = '';
    for (const t of tokens) {
      for (let hops = 0; hops < 32 && isRef(node) && !(t in node); hops++) {
        at = decodeURIComponent(node.$ref.slice(1));
        node = this.at(at);
      }
      if (typeof node !== 'object' || node === null || !(t in node)) {
        node = undefined;
        break;
      }
      node = (node as Record<string, unknown>)[t];
      at = `${at}/${escape(t)}`;
    }
    const out = node === undefined || keyword === undefined ? undefined : `${at}/${escape(keyword)}`;
    this.canonical.set(pointer, out);
    return out;
  }

  private at(pointer: string): unknown {
    let node: unknown = this.doc;
    for (const t of pointer.split('/').slice(1).map(unescape)) {
      if (typeof node !== 'object' || node === null) return undefined;
      node = (node as Record<string, unknown>)[t];
    }
    return node;
  }
}

function isRef(n: unknown): n is { $ref: string } {
  return (
    typeof n === 'object' &&
    n !== null &&
    typeof (n as { $ref?: unknown }).$ref === 'string' &&
    (n as { $ref: string }).$ref.startsWith('#')
  );
}

function escape(t: string): string {
  return t.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescape(t: string): string {
  return t.replace(/~1/g, '/').replace(/~0/g, '~');
}
