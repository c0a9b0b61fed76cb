import type { Schema } from '../mock/plan';
import { typesOf } from './schema-shape';

/**
 * Which item property an item path's parameter names. In order:
 *  1. the property spelled like the parameter, ignoring case and separators (`petId` ↔ `pet_id`);
 *  2. the parameter without the collection's singular name (`petName` on /pets → `name`), or the
 *     property with it (`{id}` on /pets → `petId`);
 *  3. for a parameter that names an identifier (`petId`, `id`, `uuid`, `key`…): `id`, `uuid`, `_id`, `key`.
 * The property must be a string, integer or number (or untyped): a path segment is a scalar.
 */
const ID_WORDS = ['id', 'uuid', 'key', 'guid'];
const ID_FIELDS = ['id', 'uuid', '_id', 'key', 'guid'];

export function identifierField(
  param: string,
  collectionSegment: string,
  properties: Record<string, Schema>,
  defs: Record<string, Schema>,
): string | undefined {
  const scalar = (name: string) => {
    const types = typesOf(properties[name], defs);
    return types.length === 0 || types.some((t) => t === 'string' || t === 'integer' || t === 'number');
  };
  const names = Object.keys(properties).filter(scalar);
  const byNorm = new Map(names.map((n) => [norm(n), n]));
  const p = norm(param);
  const exact = byNorm.get(p);
  if (exact) return exact;
  const singular = norm(singularOf(collectionSegment));
  if (singular && p.startsWith(singular) && p.length > singular.length) {
    const rest = byNorm.get(p.slice(singular.length));
    if (rest) return rest;
  }
  if (singular && byNorm.has(singular + p)) return byNorm.get(singular + p);
  if (ID_WORDS.some((w) => p === w || p.endsWith(w)))
    return ID_FIELDS.map((f) => names.find((n) => n === f) ?? byNorm.get(norm(f))).find(Boolean);
  return undefined;
}

function norm(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** "pets" → "pet", "categories" → "category", "boxes" → "box"; good enough to strip a prefix. */
function singularOf(word: string): string {
  if (/ies$/i.test(word)) return word.slice(0, -3) + 'y';
  if (/(s|x|z|ch|sh)es$/i.test(word)) return word.slice(0, -2);
  if (/s$/i.test(word) && !/ss$/i.test(word)) return word.slice(0, -1);
  return word;
}
