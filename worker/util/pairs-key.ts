/**
 * Name–value pairs as one cache-key fragment, each part length-prefixed: a decoded value may hold
 * any separator (`?a=b%26c` is not `?a=b&c`), so plain joining would make two inputs one key.
 */
export function pairsKey(pairs: Iterable<readonly [string, string]>): string {
  let key = '';
  for (const [name, value] of pairs) key += `${name.length}:${name}${value.length}:${value}`;
  return key;
}
