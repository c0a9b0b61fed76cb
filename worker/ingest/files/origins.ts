import type { PlanWarning } from '../../mock/plan';
import { ProblemError, type ProblemDetailEntry } from '../../http/problem';
import type { Trail } from './trail';

/**
 * Where each part of a bundle came from: every copied or hoisted subtree records the file and
 * pointer it was read at, so a pointer into the bundle (a warning, an error) is told back to the
 * team as `schemas/pet.yaml#/properties/id`, a place they can open.
 */
export class Origins {
  /** Recorded as the bundle is built; the pointers are written out only if a label is asked for. */
  private readonly recorded: { at: string | Trail; file: string; pointer: string }[] = [];
  private starts: Map<string, { file: string; pointer: string }> | undefined;

  constructor(private readonly entry: string) {}

  /** The subtree at `at` in the bundle is the value at `file#pointer`. */
  add(at: string | Trail, file: string, pointer: string): void {
    this.recorded.push({ at, file, pointer });
    this.starts = undefined;
  }

  /** A pointer into the bundle as `file#pointer` (the nearest recorded subtree, then the rest). */
  label(bundled: string): string {
    if (!this.starts) {
      this.starts = new Map([['', { file: this.entry, pointer: '' }]]);
      for (const r of this.recorded) this.starts.set(String(r.at), { file: r.file, pointer: r.pointer });
    }
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
