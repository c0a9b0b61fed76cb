import { fail } from '../../http/problem';
import { escapeToken } from '../json-pointer';
import { refString, type FileSet, type Located } from './file-set';
import { Origins } from './origins';
import { childKind, componentHome, dialectOf, type Dialect, type Kind } from './positions';
import { isMappingRef, isRefusal, refTarget, type FileRef } from './ref-target';
import { ComponentNames } from './component-names';
import { Trail } from './trail';
import { reachFiles } from './reach-files';

/** The one document several files make, and where each of its parts came from. */
export interface Bundle {
  doc: Record<string, unknown>;
  origins: Origins;
}

/**
 * A bundle may hold as many nodes as a single document (5 M), and at most 20 times the nodes of
 * the files it is made of (plus 200k): copies of copies (a file that refers twice to one that
 * refers twice to…) grow exponentially and are refused in milliseconds instead of seconds.
 */
const LIMITS = { maxDepth: 128, maxNodes: 5_000_000, growth: 20, floor: 200_000 } as const;

type Json = Record<string, unknown>;

/**
 * Files → one document with internal refs only, the way `redocly bundle` lays it out: the entry
 * is copied as it is; a `$ref` into another file where a component may stand becomes
 * `#/components/<kind>/<Name>` (the file's or fragment's name) with the target copied there once;
 * any other `$ref` into another file is replaced by a copy of its target. A ref to a place already
 * placed (or being placed: a cycle) points at it, so cycles across files stay cycles by name.
 * The walk follows the entry's own order, so the result does not depend on the upload's file order.
 */
export function bundleFiles(files: FileSet, entry: string): Bundle {
  return new Bundler(files, entry).run();
}

class Bundler {
  private readonly dialect: Dialect;
  private readonly origins: Origins;
  private readonly names: ComponentNames;
  /** file#pointer → where it sits in the bundle (components, home slots, folded component maps). */
  private readonly placed = new Map<string, string>();
  /** Component slots of the entry whose value is a ref: the target is copied into the slot itself. */
  private readonly homeSlots = new Set<string>();
  /** file#pointer of targets being copied in place right now → where: a ref back to one is a cycle. */
  private readonly copying = new Map<string, Trail>();
  private readonly hoisted = new Map<string, Map<string, unknown>>();
  /** Components named but not copied yet: copied after the walk, so a chain of files never nests calls. */
  private readonly pending: { target: Located; home: string; name: string; kind: Kind }[] = [];
  private nodes = 0;
  private maxNodes: number = LIMITS.maxNodes;
  /** The same ref written in the same file always aims at the same place (files repeat refs a lot). */
  private readonly targets = new Map<string, FileRef | undefined>();

  constructor(
    private readonly files: FileSet,
    private readonly entry: string,
  ) {
    this.dialect = dialectOf(files.value(entry));
    this.origins = new Origins(entry);
    this.names = new ComponentNames(this.dialect);
  }

  run(): Bundle {
    // Vets every ref of every file the entry reaches (refusing the upload on a URL, an absolute path,
    // a climb out or a missing file) and parses them all, so their size is known.
    reachFiles(this.files, this.entry);
    this.claimEntryComponents();
    this.maxNodes = Math.min(LIMITS.maxNodes, LIMITS.floor + LIMITS.growth * this.files.nodes);
    const doc = this.copy(this.files.value(this.entry), here(this.entry, ''), Trail.at(''), 'root', 0);
    for (let next = this.pending.shift(); next; next = this.pending.shift()) {
      const slot = `${next.home}/${escapeToken(next.name)}`;
      const value = this.copy(
        next.target.value,
        here(next.target.file, next.target.pointer),
        Trail.at(slot),
        next.kind,
        slot.split('/').length - 1,
      );
      this.hoistedMap(next.home).set(next.name, value);
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
      return { doc: doc as Json, origins: this.origins };
    for (const [home, entries] of this.hoisted) {
      const map = ensureMap(doc as Json, home);
      if (map) for (const [name, value] of entries) map[name] = value;
    }
    return { doc: doc as Json, origins: this.origins };
  }

  /**
   * The entry's own component maps: their names are taken, a map that is itself a ref
   * (`definitions: {$ref: definitions.json}`) is placed at its home, and a named slot holding a
   * plain ref (`User: {$ref: ./User.yaml}`) is where that file's content goes.
   */
  private claimEntryComponents(): void {
    for (const { home, map } of this.names.entryMaps(this.files, this.entry)) {
      if (map.file !== this.entry || map.pointer !== home) this.place(map, home);
      if (map.value === null || typeof map.value !== 'object') continue;
      for (const [name, value] of Object.entries(map.value as Json)) {
        const ref = refString(value);
        if (ref === undefined || Object.keys(value as Json).length !== 1) continue;
        const target = this.target(ref, map.file);
        if (!target || target.file === this.entry || this.placed.has(key(target))) continue;
        const slot = `${home}/${escapeToken(name)}`;
        this.place(target, slot);
        this.homeSlots.add(slot);
      }
    }
  }

  private copy(value: unknown, from: Here, at: Trail, kind: Kind, depth: number): unknown {
    if (value === null || typeof value !== 'object') return value;
    if (depth > LIMITS.maxDepth) {
      fail('spec-too-complex', `The bundled document nests deeper than ${LIMITS.maxDepth} levels.`, {
        errors: [
          { pointer: `${from.file}#${from.trail}`, message: 'nesting too deep once files are joined' },
        ],
      });
    }
    if (++this.nodes > this.maxNodes)
      fail(
        'spec-too-complex',
        `The bundled document has more than ${this.maxNodes} JSON nodes (at most ${LIMITS.growth} times the uploaded files' ${this.files.nodes}, and ${LIMITS.maxNodes}).`,
      );
    if (Array.isArray(value)) {
      // A tuple `items: [...]` holds schemas; a list kind its element; any other array plain values.
      const element = kind === 'schema' ? 'schema' : childKind(this.dialect, kind, '0');
      return value.map((v, i) =>
        this.copy(v, down(from, String(i)), at.child(String(i)), element, depth + 1),
      );
    }
    if (refString(value) !== undefined) return this.ref(value as Json, from, at, kind, depth);
    return this.copyMembers(value as Json, from, at, kind, depth);
  }

  private copyMembers(value: Json, from: Here, at: Trail, kind: Kind, depth: number): Json {
    const out: Json = {};
    for (const k of Object.keys(value)) {
      out[k] =
        kind === 'schema' && k === 'discriminator'
          ? this.discriminator(value[k], down(from, k), at.child(k), depth + 1)
          : this.copy(value[k], down(from, k), at.child(k), childKind(this.dialect, kind, k), depth + 1);
    }
    return out;
  }

  private ref(node: Json, from: Here, trail: Trail, kind: Kind, depth: number): unknown {
    const ref = node.$ref as string;
    const { $ref: _ref, ...rest } = node;
    const siblings = this.copyMembers(rest, from, trail, kind, depth);
    const aimed = this.target(ref, from.file);
    if (!aimed) return { $ref: ref, ...siblings };
    if (aimed.file === this.entry) return { $ref: `#${aimed.pointer}`, ...siblings };
    if (!this.files.isDocument(aimed.file) && aimed.pointer === '') {
      this.origins.add(trail, aimed.file, '');
      return this.files.value(aimed.file);
    }
    const target = this.files.locate(aimed);
    // Nothing there: the ref dangles, written from the upload's root so its warning names the file.
    if (!target) return { $ref: `${aimed.file}#${aimed.pointer}`, ...siblings };
    const home = componentHome(this.dialect, kind);
    if (home !== undefined) {
      const slot = this.componentSlot(target, home, kind);
      // Only a claimed slot of the entry is both where a ref is written and where its target goes.
      if (this.homeSlots.has(slot) && slot === String(trail)) return this.fill(target, trail, kind, depth);
      return { $ref: `#${slot}`, ...siblings };
    }
    const cycle = this.copying.get(key(target));
    if (cycle !== undefined) return { $ref: `#${cycle}`, ...siblings };
    const copied = this.inPlace(target, trail, kind, depth);
    if (copied === null || typeof copied !== 'object' || Array.isArray(copied)) return copied;
    for (const k of Object.keys(siblings)) {
      const sibling = down(from, k);
      this.origins.add(trail.child(k), sibling.file, String(sibling.trail));
    }
    return { ...(copied as Json), ...siblings };
  }

  /** Where a component target lives: already placed (or inside something placed), else a new name. */
  private componentSlot(target: Located, home: string, kind: Kind): string {
    const known = this.cover(target);
    if (known !== undefined) return known;
    const name = this.names.fresh(home, target);
    const slot = `${home}/${escapeToken(name)}`;
    this.place(target, slot);
    this.pending.push({ target, home, name, kind });
    return slot;
  }

  /** A claimed home slot (the entry's `User: {$ref: ./User.yaml}`) receives its target's content. */
  private fill(target: Located, trail: Trail, kind: Kind, depth: number): unknown {
    const at = String(trail);
    this.homeSlots.delete(at);
    this.origins.add(at, target.file, target.pointer);
    return this.copy(target.value, here(target.file, target.pointer), trail, kind, depth);
  }

  private inPlace(target: Located, trail: Trail, kind: Kind, depth: number): unknown {
    this.copying.set(key(target), trail);
    this.origins.add(trail, target.file, target.pointer);
    try {
      return this.copy(target.value, here(target.file, target.pointer), trail, kind, depth);
    } finally {
      this.copying.delete(key(target));
    }
  }

  /** A schema's discriminator, with mapping values that name files turned into component refs. */
  private discriminator(value: unknown, from: Here, at: Trail, depth: number): unknown {
    const copied = this.copy(value, from, at, 'other', depth);
    if (copied === null || typeof copied !== 'object' || Array.isArray(copied)) return copied;
    const mapping = (copied as Json).mapping;
    if (mapping === null || typeof mapping !== 'object' || Array.isArray(mapping)) return copied;
    const out: Json = {};
    for (const [name, target] of Object.entries(mapping)) {
      out[name] = typeof target === 'string' && isMappingRef(target) ? this.mappingRef(target, from) : target;
    }
    return { ...(copied as Json), mapping: out };
  }

  private mappingRef(ref: string, from: Here): string {
    const aimed = this.target(ref, from.file);
    if (!aimed) return ref;
    if (aimed.file === this.entry) return `#${aimed.pointer}`;
    const target = this.files.locate(aimed);
    if (!target) return ref;
    return `#${this.componentSlot(target, componentHome(this.dialect, 'schema')!, 'schema')}`;
  }

  private target(ref: string, file: string): FileRef | undefined {
    const memo = `${file}\n${ref}`;
    if (this.targets.has(memo)) return this.targets.get(memo);
    const t = refTarget(ref, file);
    // run() vetted every ref of every reachable file first: this cannot refuse.
    const found = isRefusal(t) ? undefined : t;
    this.targets.set(memo, found);
    return found;
  }

  private place(at: FileRef, slot: string): void {
    this.placed.set(key(at), slot);
    this.origins.add(slot, at.file, at.pointer);
  }

  /** The bundle location of a target that is placed, or inside a placed subtree. */
  private cover(target: FileRef): string | undefined {
    let pointer = target.pointer;
    for (;;) {
      const slot = this.placed.get(`${target.file}#${pointer}`);
      if (slot !== undefined) return slot + target.pointer.slice(pointer.length);
      if (pointer === '') return undefined;
      pointer = pointer.slice(0, pointer.lastIndexOf('/'));
    }
  }

  private hoistedMap(home: string): Map<string, unknown> {
    let map = this.hoisted.get(home);
    if (!map) this.hoisted.set(home, (map = new Map()));
    return map;
  }
}

function key(at: FileRef): string {
  return `${at.file}#${at.pointer}`;
}

/** Where a value being copied was read: its file, and its pointer there (written out on demand). */
interface Here {
  file: string;
  trail: Trail;
}

function here(file: string, pointer: string): Here {
  return { file, trail: Trail.at(pointer) };
}

function down(from: Here, token: string): Here {
  return { file: from.file, trail: from.trail.child(token) };
}

/** The object at a `/components/schemas`-like path of the bundle, created when missing. */
function ensureMap(doc: Json, home: string): Json | undefined {
  let node: Json = doc;
  for (const token of home.slice(1).split('/')) {
    if (node[token] === undefined) node[token] = {};
    const next = node[token];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) return undefined;
    node = next as Json;
  }
  return node;
}
