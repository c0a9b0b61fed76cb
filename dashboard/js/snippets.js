// Ready-to-run curl and fetch calls for one representative operation of a version.
import { initialValue, buildPath, credentialLines } from './tryit-request.js';
import { codeBlock } from './view-parts.js';

function pickSnippetOperation(ops) {
  const simple = (o) => !(o.parameters || []).some((p) => p.in === 'path' || (p.required && p.in !== 'path'));
  return ops.find((o) => o.method === 'get' && simple(o)) || ops.find((o) => o.method === 'get') || ops[0];
}

export function snippets(meta) {
  const ops = meta.operations || [];
  const op = pickSnippetOperation(ops);
  const base = meta.mockUrl.replace(/\/$/, '');
  let url = base;
  let method = 'GET';
  let hasBody = false;
  let example = '{}';
  let contentType = 'application/json';
  if (op) {
    const values = {};
    const query = new URLSearchParams();
    for (const p of op.parameters || []) {
      const v = initialValue(p);
      if (p.in === 'path') values[p.name] = v || '1';
      else if (p.in === 'query' && p.required && v) query.append(p.name, v);
    }
    const qs = query.toString();
    url = `${base}${buildPath(op.path, values)}${qs ? `?${qs}` : ''}`;
    method = op.method.toUpperCase();
    if (op.requestBody && method !== 'GET') {
      hasBody = true;
      example = JSON.stringify(op.requestBody.example ?? {});
      contentType = op.requestBody.contentType || contentType;
    }
  }
  const code = op ? (op.responses || []).find((r) => /^2\d\d$/.test(String(r.status)))?.status : undefined;
  const headers = [['Prefer', code ? `code=${code}, seed=1` : 'seed=1']];
  if (hasBody) headers.push(['Content-Type', contentType]);
  for (const line of op ? credentialLines(op, meta.securitySchemes) : []) {
    const i = line.indexOf(':');
    headers.push([line.slice(0, i), line.slice(i + 1).trim()]);
  }
  const q = (v) => `'${String(v).replace(/'/g, `'\\''`)}'`;
  const curl = [`curl -i${method === 'GET' ? '' : ` -X ${method}`} ${q(url)}`];
  for (const [k, v] of headers) curl.push(`  -H ${q(`${k}: ${v}`)}`);
  if (hasBody) curl.push(`  --data-raw ${q(example)}`);
  const fetchLines = [
    `const res = await fetch(${JSON.stringify(url)}, {`,
    method === 'GET' ? null : `  method: '${method}',`,
    `  headers: { ${headers.map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')} },`,
    hasBody ? `  body: JSON.stringify(${example}),` : null,
    '});',
    'console.log(res.status, await res.json());',
  ].filter(Boolean);
  return [codeBlock('curl', curl.join(' \\\n')), codeBlock('fetch', fetchLines.join('\n'))];
}
