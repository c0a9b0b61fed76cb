// What the try-it form asks the mock for: initial values, the path, the Prefer header, credentials
// and the curl line. Pure functions of the operation and the form's values.

const FORBIDDEN_HEADERS = new Set(['cookie', 'host', 'content-length', 'connection', 'origin', 'referer']);

export function schemaOf(param) {
  return param.schema && typeof param.schema === 'object' ? param.schema : {};
}

export function typeLabel(schema) {
  const t = Array.isArray(schema.type) ? schema.type.filter((x) => x !== 'null').join('|') : schema.type;
  return [t, schema.format].filter(Boolean).join(', ');
}

export function stringifyValue(v) {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return Array.isArray(v) ? v.join(',') : JSON.stringify(v);
  return String(v);
}

/**
 * A reasonable initial value. Required and path parameters get the example (the service fills one
 * in from the schema when the spec has none), the default or the first enum value; optional ones
 * only what the spec itself says, so nothing unasked-for is sent.
 */
export function initialValue(param) {
  const s = schemaOf(param);
  const mandatory = param.required || param.in === 'path';
  for (const candidate of [
    mandatory ? param.example : undefined,
    s.example,
    Array.isArray(s.examples) ? s.examples[0] : undefined,
    s.default,
    Array.isArray(s.enum) ? s.enum[0] : undefined,
    s.const,
  ]) {
    if (candidate !== undefined && candidate !== null) return stringifyValue(candidate);
  }
  if (param.in !== 'path') return '';
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (type === 'integer' || type === 'number') return String(Math.max(1, Number(s.minimum ?? 1)));
  if (s.format === 'uuid') return '3fa85f64-5717-4562-b3fc-2c963f66afa6';
  if (s.format === 'date') return '2026-01-01';
  return 'example';
}

export function buildPath(template, values) {
  return template.replace(/\{([^}]+)\}/g, (_, name) => encodeURIComponent(values[name] ?? ''));
}

function preferHeader({ code, example, seed, dynamic }) {
  const parts = [];
  if (code) parts.push(`code=${code}`);
  if (example) parts.push(`example=${example}`);
  if (seed) parts.push(`seed=${seed}`);
  if (dynamic) parts.push('dynamic=true');
  return parts.join(', ');
}

function shellQuote(s) {
  return `'${String(s).replace(/'/g, `'\\''`)}'`;
}

export function curlFor({ method, url, headers, body }) {
  const parts = ['curl', '-i'];
  if (method.toUpperCase() !== 'GET') parts.push('-X', method.toUpperCase());
  for (const [k, v] of Object.entries(headers)) parts.push('-H', shellQuote(`${k}: ${v}`));
  if (body !== undefined && body !== '') parts.push('--data-raw', shellQuote(body));
  parts.push(shellQuote(url));
  return parts.join(' ');
}

/** Example credentials for the first security requirement; the mock checks presence, not value. */
export function credentialLines(op, schemes) {
  const requirement = Array.isArray(op.security) && op.security.length ? op.security[0] : null;
  if (!requirement) return [];
  if (requirement.length === 0) return [];
  const lines = [];
  for (const name of requirement) {
    const scheme = schemes && schemes[name];
    if (!scheme) {
      lines.push('Authorization: Bearer mock-token');
    } else if (scheme.type === 'apiKey' && scheme.in === 'header' && scheme.name) {
      lines.push(`${scheme.name}: mock-key`);
    } else if (scheme.type === 'http' && scheme.scheme === 'basic') {
      lines.push('Authorization: Basic dXNlcjpwYXNzd29yZA==');
    } else if (scheme.type !== 'apiKey') {
      lines.push('Authorization: Bearer mock-token');
    }
  }
  return [...new Set(lines)];
}

/** Parameter values from the form's fields; a required one left empty is listed in `missing`. */
function readParams(fields) {
  const values = {};
  const query = new URLSearchParams();
  const headers = {};
  const missing = [];
  for (const { param, input } of fields) {
    const v = input.value;
    if (param.in === 'cookie') continue;
    if (v === '') {
      if (param.in === 'path' || param.required) missing.push(param.name);
      continue;
    }
    if (param.in === 'path') values[param.name] = v;
    else if (param.in === 'query') query.append(param.name, v);
    else if (param.in === 'header' && !FORBIDDEN_HEADERS.has(param.name.toLowerCase()))
      headers[param.name] = v;
  }
  return { values, query, headers, missing };
}

/**
 * The request the form describes: `form` holds the parameter fields, the extra-headers and body
 * areas and the response preferences' controls.
 */
export function requestFrom(op, ctx, form) {
  const { values, query, headers, missing } = readParams(form.fields);
  for (const line of form.extraArea.value.split('\n')) {
    const m = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:\s*(.*?)\s*$/.exec(line);
    if (m && !FORBIDDEN_HEADERS.has(m[1].toLowerCase())) headers[m[1]] = m[2];
  }
  const { statusSel, exampleSel, seedInput, dynBox } = form.prefs;
  const prefer = preferHeader({
    code: statusSel.value,
    example: exampleSel.value,
    seed: seedInput.value.trim(),
    dynamic: dynBox.checked,
  });
  if (prefer) headers.Prefer = prefer;
  // A private API's mock needs its token; Authorization stays free for the mocked API's own auth.
  if (ctx.mockToken) headers['X-Specmock-Token'] = ctx.mockToken;
  let body;
  if (form.bodyArea && op.method.toLowerCase() !== 'get' && op.method.toLowerCase() !== 'head') {
    body = form.bodyArea.value;
    if (body !== '' && op.requestBody.contentType) headers['Content-Type'] = op.requestBody.contentType;
  }
  const qs = query.toString();
  const path = `${ctx.mockPath()}${buildPath(op.path, values)}${qs ? `?${qs}` : ''}`;
  return {
    method: op.method.toUpperCase(),
    path,
    url: new URL(path, location.href).href,
    headers,
    body,
    missing,
  };
}
