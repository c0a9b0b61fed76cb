// Client-side guesses from the spec text. No YAML library: JSON.parse, or a small scan of the
// top-level `info:` block of a YAML document.

const API_NAME_RE = /^[a-z0-9](?:[a-z0-9-]{0,62})$/;
const VERSION_RE = /^[A-Za-z0-9._-]{1,64}$/;

export function isValidApiName(name) {
  return API_NAME_RE.test(name);
}

export function isValidVersion(version) {
  return VERSION_RE.test(version) && version !== 'latest';
}

/** Words that make a title long without naming the API. */
const FILLER = new Set(
  'a an and the of for to with by official openapi swagger spec specs specification api apis rest restful http service services definition definitions description documentation docs reference extension extensions'.split(
    ' ',
  ),
);
const SHORT = 24;

/**
 * @public The browser tests import it through the page. A long title becomes a short name: the
 * words that name the API (at most three), not "GitHub's official OpenAPI spec + Octokit extension".
 */
export function slugify(title) {
  const words = String(title ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2019]s\b/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = words.join('-');
  if (slug.length > SHORT) {
    const naming = words.filter((w) => !FILLER.has(w)).slice(0, 3);
    if (naming.length > 0) slug = naming.join('-');
  }
  return slug.slice(0, 63).replace(/-+$/, '');
}

function sanitizeVersion(version) {
  let v = String(version ?? '')
    .trim()
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  if (v === 'latest') v = 'latest-1';
  return v;
}

export function detectContentType(text) {
  const start = text.trimStart()[0];
  return start === '{' || start === '[' ? 'application/json' : 'application/yaml';
}

function unquote(raw) {
  let v = raw.trim();
  if (v.startsWith('"')) {
    const end = v.indexOf('"', 1);
    try {
      return JSON.parse(v.slice(0, end + 1));
    } catch {
      return v.slice(1, end > 0 ? end : undefined);
    }
  }
  if (v.startsWith("'")) {
    const m = /^'((?:[^']|'')*)'/.exec(v);
    return m ? m[1].replace(/''/g, "'") : v.slice(1);
  }
  // Plain scalar: strip a trailing comment.
  v = v.replace(/\s+#.*$/, '');
  if (v === '|' || v === '>' || v.startsWith('|') || v.startsWith('>')) return '';
  return v.trim();
}

/** Scan YAML text for the top-level info.title and info.version. */
function scanYamlInfo(text) {
  const lines = text.split(/\r?\n/);
  const out = {};
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const flow = /^info:\s*\{(.*)\}\s*$/.exec(line);
    if (flow) {
      for (const part of flow[1].split(',')) {
        const m = /^\s*(title|version)\s*:\s*(.+)$/.exec(part);
        if (m) out[m[1]] = unquote(m[2]);
      }
      return out;
    }
    if (!/^info:\s*(#.*)?$/.test(line)) continue;
    let indent = null;
    for (let j = i + 1; j < lines.length; j++) {
      const inner = lines[j];
      if (/^\s*(#.*)?$/.test(inner)) continue; // blank or comment
      const m = /^(\s+)([A-Za-z_$][\w$-]*|"[^"]*"|'[^']*')\s*:(.*)$/.exec(inner);
      if (!/^\s/.test(inner)) break; // back at top level
      if (!m) continue;
      if (indent === null) indent = m[1].length;
      if (m[1].length !== indent) continue;
      const key = m[2].replace(/^["']|["']$/g, '');
      if ((key === 'title' || key === 'version') && !(key in out)) out[key] = unquote(m[3]);
    }
    break;
  }
  return out;
}

/** { title, version, name, versionSuggestion } from spec text; fields may be empty. */
export function guessFromText(text) {
  let info = {};
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      const doc = JSON.parse(text);
      if (doc && typeof doc.info === 'object' && doc.info) {
        info = { title: doc.info.title, version: doc.info.version };
      }
    } catch {
      info = {};
    }
  } else {
    info = scanYamlInfo(text);
  }
  const title = typeof info.title === 'string' ? info.title : '';
  const version = info.version === undefined || info.version === null ? '' : String(info.version);
  return { title, version, name: slugify(title), versionSuggestion: sanitizeVersion(version) };
}

/**
 * The next version not in `taken`: bump the last numeric part (1.0.0 → 1.0.1 → 1.0.2),
 * or append "-2", "-3" when there is no number.
 */
export function nextFreeVersion(version, taken) {
  const used = new Set(taken);
  let candidate = version;
  const m = /^(.*?)(\d+)(\D*)$/.exec(version);
  for (let i = 0; i < 10000; i++) {
    if (m) {
      const n = BigInt(m[2]) + BigInt(i + 1);
      candidate = `${m[1]}${n}${m[3]}`;
    } else {
      candidate = `${version}-${i + 2}`;
    }
    candidate = candidate.slice(0, 64);
    if (!used.has(candidate) && isValidVersion(candidate)) return candidate;
  }
  return `${version}-${Date.now()}`.slice(0, 64);
}
