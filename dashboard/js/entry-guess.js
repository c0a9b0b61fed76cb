// Which uploaded file is the entry document: the one with `openapi` or `swagger` at its top that
// no other file references (the server applies the same rule when no entry is named).

const DOCUMENT = /\.(?:ya?ml|json)$/i;
// `$ref: ./x.yaml`, `"$ref": "x.json#/a"`, `{$ref: '../y.yml'}`: the part before `#`.
const REF = /["']?\$ref["']?\s*:\s*["']?([^"'\s#,}]*)/g;

function hasTopKey(path, text) {
  if (/\.json$/i.test(path) || /^\s*\{/.test(text)) {
    try {
      const doc = JSON.parse(text);
      return doc !== null && typeof doc === 'object' && ('openapi' in doc || 'swagger' in doc);
    } catch {
      return false;
    }
  }
  return /^(?:openapi|swagger)\s*:/m.test(text);
}

function resolveFrom(path, relative) {
  const segments = path.split('/').slice(0, -1);
  for (const s of relative.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') segments.pop();
    else segments.push(s);
  }
  return segments.join('/');
}

/** { entry, candidates }: `entry` when exactly one file fits; `candidates` to choose from otherwise. */
export function guessEntry(files) {
  const documents = files.filter((f) => DOCUMENT.test(f.path));
  const referenced = new Set();
  for (const f of documents) {
    for (const m of f.text.matchAll(REF)) {
      if (m[1] && !/^[a-z][a-z0-9+.-]*:/i.test(m[1])) referenced.add(resolveFrom(f.path, m[1]));
    }
  }
  const tops = documents.filter((f) => hasTopKey(f.path, f.text)).map((f) => f.path);
  const roots = tops.filter((p) => !referenced.has(p));
  if (roots.length === 1) return { entry: roots[0], candidates: roots };
  const candidates = roots.length > 1 ? roots : tops.length > 0 ? tops : documents.map((f) => f.path);
  return { entry: undefined, candidates };
}
