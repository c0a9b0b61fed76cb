import type { PlanWarning } from '../../mock/plan';
import { ProblemError, type ProblemDetailEntry } from '../../http/problem';

/**
 * Where each part of a bundle came from: every copied or hoisted subtree records the file and
 * pointer it was read at, so a pointer into the bundle (a warning, an error) is told back to the
 * team as `schemas/pet.yaml#/properties/id`, a place they can open.
 */
export class Origins {
  private readonly starts = new Map<string, { file: string; pointer: string }>();

  constructor(entry: string) {
    this.starts.set('', { file: entry, pointer: '' });
  }

  /** The subtree at `at` in the bundle is the value at `file#pointer`. */
  add(at: string, file: string, pointer: string): void {
    this.starts.set(at, { file, pointer });
  }

  /** A pointer into the bundle as `file#pointer` (the nearest recorded subtree, then the rest). */
  label(bundled: string): string {
    let prefix = bundled;
    for (;;) {
      const start = this.starts.get(prefix);
      if (start) return `${start.file}#${start.pointer}${bundled.slice(prefix.length)}`;
      const cut = prefix.lastIndexOf('/');
      prefix = cut <= 0 ? '' : prefix.slice(0, cut);
    }
  }

  warnings(list: PlanWarning[]): PlanWarning[] {
    return list.map((w) => ({ ...w, pointer: this.label(w.pointer) }));
  }

  /** The same problem with its pointers (and the first one quoted in its detail) told per file. */
  problem(error: ProblemError): ProblemError {
    const p = error.problem;
    if (!p.errors?.length) return error;
    const first = p.errors[0].pointer;
    const detail = first ? p.detail.split(first).join(this.label(first)) : p.detail;
    const errors = p.errors.map((e): ProblemDetailEntry =>
      e.pointer === undefined ? e : { ...e, pointer: this.label(e.pointer) },
    );
    return new ProblemError({ ...p, detail, errors });
  }
}
