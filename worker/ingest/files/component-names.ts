import type { FileSet, Located } from './file-set';
import { componentHomes, type Dialect } from './positions';
import type { FileRef } from './ref-target';

/** OpenAPI 3's rule for component names (`^[a-zA-Z0-9.\-_]+$`), which Swagger 2.0 tools also expect. */
const NOT_NAME = /[^A-Za-z0-9._-]+/g;

/**
 * Names for components that come from other files, as `redocly bundle` picks them: the file's name
 * without its extension (`components/schemas/User.yaml` → `User`), or the last token of the
 * fragment (`definitions.json#/Pet` → `Pet`); a name already taken gets `-2`, `-3`…
 */
export class ComponentNames {
  private readonly taken = new Map<string, Set<string>>();

  constructor(private readonly dialect: Dialect) {}

  /** The entry's component maps (a map may itself be a ref to another file); their names are taken. */
  entryMaps(files: FileSet, entry: string): { home: string; map: Located }[] {
    const out: { home: string; map: Located }[] = [];
    for (const { home } of componentHomes(this.dialect)) {
      const map = files.locate({ file: entry, pointer: home }, true);
      if (!map) continue;
      if (map.value !== null && typeof map.value === 'object' && !Array.isArray(map.value))
        for (const name of Object.keys(map.value)) this.names(home).add(name);
      out.push({ home, map });
    }
    return out;
  }

  fresh(home: string, target: FileRef): string {
    const taken = this.names(home);
    const base = baseName(target);
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    taken.add(name);
    return name;
  }

  private names(home: string): Set<string> {
    let set = this.taken.get(home);
    if (!set) this.taken.set(home, (set = new Set()));
    return set;
  }
}

function baseName(target: FileRef): string {
  const raw =
    target.pointer === ''
      ? (target.file.split('/').pop() ?? '').replace(/\.(?:ya?ml|json)$/i, '')
      : target.pointer
          .slice(target.pointer.lastIndexOf('/') + 1)
          .replace(/~1/g, '/')
          .replace(/~0/g, '~');
  return raw.replace(NOT_NAME, '_').slice(0, 120) || 'component';
}
