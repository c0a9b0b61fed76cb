/**
 * What a sandbox knows about the resources of one version, inferred from the spec alone (see
 * infer-resources.ts). Plain data, computed once per version and kept beside its mock target.
 */

/** How a collection's response lays out its items. */
export type ListShape =
  | { kind: 'array' }
  | {
      kind: 'wrapper';
      /** The array property holding the items, e.g. "data" or "items". */
      itemsKey: string;
      /** The object property holding that array one level down (HAL's `_embedded`), if any. */
      itemsParent?: string;
      /** Integer properties set to the number of stored items, e.g. "total". */
      totalKeys: string[];
      /** A string property set to the next page's cursor, e.g. "nextCursor". */
      cursorKey?: string;
      /** A boolean property set when more items follow, e.g. "hasMore". */
      hasMoreKey?: string;
    };

/** Query parameters of the collection's GET that page through it, by role. */
export interface Paging {
  limit?: string;
  offset?: string;
  page?: string;
  cursor?: string;
  /** The limit parameter's declared default, when the spec gives one. */
  defaultLimit?: number;
  /** Whether `page` counts from 0 (its minimum is 0) rather than 1. */
  pageFromZero?: boolean;
}

export interface Resource {
  /** The collection's path template, e.g. "/owners/{ownerId}/pets". */
  collectionPath: string;
  /**
   * The item's path template, e.g. "/owners/{ownerId}/pets/{petId}"; absent for a collection with
   * no item path of its own (only listed and posted to).
   */
  itemPath?: string;
  /** Where items are created when not at the collection path: Docker's `/volumes/create`. */
  createPath?: string;
  /** Where the collection is listed when not at its path: Docker's `/containers/json`. */
  listPath?: string;
  /** Where an item is read when its item path has no GET: Docker's `/containers/{id}/json`. */
  readPath?: string;
  /** The item path's own parameter, e.g. "petId" (with the item path). */
  idParam?: string;
  /** The item property that holds the identifier, e.g. "id". */
  idField: string;
  /**
   * The item's object member that holds `idField`, when the identifier is one level down:
   * Kubernetes names an object in `metadata.name`.
   */
  idIn?: string;
  /** The member item responses wrap the item in (`{"Meeting": {…}}`), when they do. */
  envelope?: string;
  /** Parameters of the collection path: they scope the items (pets of one owner). */
  scopeParams: string[];
  /** Present when the collection's GET lists items in a recognised shape. */
  list?: { shape: ListShape; paging: Paging };
  /**
   * No operation creates its items (OpenAI's /models, Asana's /users): the sandbox cannot hold every
   * one a client may name, so a read of one it does not hold is answered statelessly.
   */
  readOnly?: true;
}

/** The path of the collection's list (a GET there lists it). */
export const listPathOf = (resource: Resource): string => resource.listPath ?? resource.collectionPath;

/** The path an item is read at, when it has one. */
export const readPathOf = (resource: Resource): string | undefined => resource.readPath ?? resource.itemPath;

export type Role = 'list' | 'create' | 'read' | 'replace' | 'merge' | 'remove';

export interface Binding {
  resource: Resource;
  role: Role;
}

/** Why a collection/item candidate stays stateless, for the README's rules and the corpus report. */
export interface StatelessPair {
  collectionPath: string;
  itemPath: string;
  reason: string;
}

export interface ResourcePlan {
  resources: Resource[];
  /** Keyed by `METHOD path-template`, e.g. "GET /pets/{petId}". */
  bindings: Record<string, Binding>;
  stateless: StatelessPair[];
}

export function bindingKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}
