/**
 * Small closed vocabularies real APIs draw enum-like strings from. A spec example that belongs to
 * one ("open", "usd", "JavaScript") is varied within it, so generated values stay in the domain the
 * example shows instead of becoming random words.
 */

const LISTS: readonly (readonly string[])[] = [
  ['open', 'closed'],
  ['active', 'inactive', 'pending', 'suspended'],
  ['public', 'private', 'internal'],
  ['draft', 'published', 'archived'],
  ['enabled', 'disabled'],
  ['queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'received'],
  ['succeeded', 'processing', 'canceled'],
  ['low', 'medium', 'high', 'critical'],
  ['read', 'write', 'admin', 'maintain', 'triage'],
  ['asc', 'desc'],
  ['get', 'post', 'put', 'patch', 'delete'],
  ['JavaScript', 'TypeScript', 'Python', 'Ruby', 'Go', 'Java', 'Rust', 'PHP', 'Shell', 'Kotlin'],
  ['usd', 'eur', 'gbp', 'jpy', 'cad', 'aud', 'chf', 'sek'],
  ['us', 'gb', 'de', 'fr', 'jp', 'ca', 'au', 'nl', 'se', 'br'],
  ['usa', 'gbr', 'deu', 'fra', 'jpn', 'can', 'aus', 'nld', 'swe', 'bra'],
  ['en', 'fr', 'de', 'es', 'ja', 'pt', 'it', 'nl'],
  ['en-us', 'en-gb', 'fr-fr', 'de-de', 'es-es', 'ja-jp', 'pt-br'],
  ['en_us', 'en_gb', 'fr_fr', 'de_de', 'es_es', 'ja_jp', 'pt_br'],
  ['red', 'green', 'blue', 'yellow', 'purple', 'orange', 'black', 'white'],
  ['male', 'female'],
  ['daily', 'weekly', 'monthly', 'yearly'],
  ['day', 'week', 'month', 'year'],
  ['user', 'organization', 'bot'],
  ['owner', 'admin', 'member', 'guest', 'viewer', 'editor'],
  ['success', 'failure', 'error', 'cancelled', 'skipped'],
  ['completed', 'queued', 'waiting', 'running'],
  [
    'application/json',
    'application/xml',
    'text/plain',
    'text/html',
    'image/png',
    'image/jpeg',
    'application/pdf',
  ],
  ['online', 'offline', 'idle', 'busy'],
  ['macos', 'linux', 'windows'],
  [
    'Europe/Berlin',
    'Europe/London',
    'Europe/Paris',
    'Europe/Madrid',
    'America/New_York',
    'America/Chicago',
    'America/Los_Angeles',
    'America/Sao_Paulo',
    'Asia/Tokyo',
    'Asia/Singapore',
    'Asia/Kolkata',
    'Australia/Sydney',
  ],
  ['true', 'false'],
  ['yes', 'no'],
];

const INDEX = new Map<string, readonly string[]>();
for (const list of LISTS)
  for (const w of list) if (!INDEX.has(w.toLowerCase())) INDEX.set(w.toLowerCase(), list);

/** The vocabulary `word` belongs to (compared case-insensitively), if any. */
export function vocabularyOf(word: string): readonly string[] | undefined {
  return word.length <= 40 ? INDEX.get(word.toLowerCase()) : undefined;
}

/** `word` written in the case style of `model` ("USD" → upper, "Open" → capitalised). */
export function inCaseOf(model: string, word: string, list: readonly string[]): string {
  // Written exactly as the list writes it ("JavaScript"): keep the list's own spelling.
  if (list.includes(model)) return word;
  if (model === model.toUpperCase() && model !== model.toLowerCase()) return word.toUpperCase();
  if (model.charAt(0) !== model.charAt(0).toLowerCase() && model.slice(1) === model.slice(1).toLowerCase())
    return word.charAt(0).toUpperCase() + word.slice(1);
  if (model === model.toLowerCase()) return word.toLowerCase();
  return word;
}
