// A tiny in-memory stand-in for the specmock Worker, for fast dashboard work without wrangler.
// It serves ./dashboard (with the CSP from dashboard/_headers) and implements the control-plane
// calls and a crude mock. It is NOT the product: the browser tests run against `npm run dev`.
//
//   node test/browser/stub-server.mjs [port]     (default 8788)
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const ROOT = fileURLToPath(new URL('../../dashboard/', import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };
const LIMITS = { perMinute: 600, perMonth: 100000 };

const keys = new Map(); // hash -> { id, limits, minute: [], daily: Map }
const apis = new Map(); // api -> { owner, versions: Map(version -> record) }

const sha = (s) => createHash('sha256').update(s).digest('hex');

function problem(res, status, slug, title, detail, errors) {
  const body = { type: `https://specmock.dev/problems/${slug}`, title, status, detail, ...(errors ? { errors } : {}) };
  send(res, status, body, 'application/problem+json');
}

function send(res, status, body, type = 'application/json') {
  res.writeHead(status, { 'Content-Type': type, 'Access-Control-Allow-Origin': '*' });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

function auth(req, res) {
  const m = /^Bearer\s+(\S+)$/.exec(req.headers.authorization || '');
  const rec = m && keys.get(sha(m[1]));
  if (!rec) {
    problem(res, 401, 'unauthorized', 'Missing or invalid API key', 'Send Authorization: Bearer <key>.');
    return null;
  }
  count(rec);
  return rec;
}

function count(rec) {
  const day = new Date().toISOString().slice(0, 10);
  rec.daily.set(day, (rec.daily.get(day) || 0) + 1);
  rec.monthUsed += 1;
}

function readBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function origin(req) {
  return `http://${req.headers.host}`;
}

function ingest(text) {
  let doc;
  try {
    if (/^\s*\{/.test(text)) doc = JSON.parse(text);
    else {
      const parsed = YAML.parseDocument(text, { prettyErrors: true });
      if (parsed.errors.length) {
        return { status: 400, slug: 'invalid-spec-syntax', title: 'The document is not valid JSON or YAML', detail: 'The YAML could not be parsed.',
          errors: parsed.errors.slice(0, 5).map((e) => ({ message: e.message.split('\n')[0], line: e.linePos?.[0]?.line, column: e.linePos?.[0]?.col })) };
      }
      doc = parsed.toJS();
    }
  } catch (e) {
    return { status: 400, slug: 'invalid-spec-syntax', title: 'The document is not valid JSON or YAML', detail: String(e.message), errors: [{ message: String(e.message), line: 1, column: 1 }] };
  }
  const errors = [];
  if (!doc || typeof doc !== 'object') errors.push({ pointer: '', message: 'The document must be an object.' });
  else {
    if (!doc.openapi && !doc.swagger) errors.push({ pointer: '/openapi', message: 'Missing openapi or swagger field.' });
    if (!doc.info || typeof doc.info !== 'object') errors.push({ pointer: '/info', message: 'Missing info object.' });
    if (!doc.paths || typeof doc.paths !== 'object') errors.push({ pointer: '/paths', message: 'Missing paths object.' });
  }
  if (errors.length) return { status: 422, slug: 'invalid-spec', title: 'The document is not a valid OpenAPI description', detail: `${errors.length} problem(s) found.`, errors };
  const operations = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']) {
      const op = item?.[method];
      if (!op) continue;
      const params = [...(item.parameters || []), ...(op.parameters || [])].map((p) => ({ name: p.name, in: p.in, required: Boolean(p.required), schema: p.schema || {}, example: p.example }));
      const rbMedia = op.requestBody?.content ? Object.entries(op.requestBody.content)[0] : null;
      operations.push({
        id: op.operationId || `${method} ${path}`, method, path, summary: op.summary || '', tags: op.tags || [], deprecated: Boolean(op.deprecated),
        parameters: params,
        requestBody: rbMedia ? { required: Boolean(op.requestBody.required), contentType: rbMedia[0], example: rbMedia[1].example ?? null } : null,
        responses: Object.entries(op.responses || {}).map(([status, r]) => ({
          status, description: r.description || '', mediaTypes: Object.keys(r.content || {}),
          examples: Object.values(r.content || {}).flatMap((m) => Object.keys(m.examples || {})),
          _content: r.content || {},
        })),
      });
    }
  }
  return { status: 201, doc, operations };
}

function fake(schema, doc, seedKey, depth = 0) {
  if (!schema || depth > 5) return null;
  if (schema.$ref) return fake(schema.$ref.split('/').slice(1).reduce((o, k) => o?.[k], doc), doc, seedKey, depth + 1);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object': return Object.fromEntries(Object.entries(schema.properties || {}).map(([k, s]) => [k, k === 'id' && seedKey.id !== undefined ? seedKey.id : fake(s, doc, seedKey, depth + 1)]));
    case 'array': return [fake(schema.items, doc, seedKey, depth + 1)];
    case 'integer': return 42;
    case 'number': return 4.2;
    case 'boolean': return true;
    default: return schema.format === 'date-time' ? new Date(0).toISOString() : 'string';
  }
}

function mock(req, res, url) {
  const [, , api, version, ...rest] = url.pathname.split('/');
  const a = apis.get(api);
  const v = a && (version === 'latest' ? [...a.versions.values()].at(-1) : a.versions.get(version));
  if (!v) return problem(res, 404, 'version-not-found', 'No such version', `${api}/${version} does not exist.`);
  const path = `/${rest.join('/')}`;
  const method = req.method.toLowerCase();
  for (const op of v.operations) {
    const re = new RegExp(`^${op.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{([^}]+)\\?\}/g, '(?<$1>[^/]+)')}$`);
    const m = re.exec(path);
    if (!m || op.method !== method) continue;
    const prefer = Object.fromEntries((req.headers.prefer || '').split(',').map((p) => p.trim().split('=')).filter((p) => p.length === 2));
    const resp = op.responses.find((r) => r.status === prefer.code) || op.responses.find((r) => /^2/.test(r.status)) || op.responses[0];
    const media = Object.values(resp?._content || {})[0];
    let body = media?.examples?.[prefer.example]?.value ?? media?.example ?? (media?.examples ? Object.values(media.examples)[0]?.value : undefined);
    if (body === undefined) body = fake(media?.schema, v.doc, { id: m.groups?.petId !== undefined ? Number(m.groups.petId) : undefined });
    res.writeHead(Number(resp?.status) || 200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*', 'X-Specmock-Stub': '1' });
    return res.end(JSON.stringify(body));
  }
  return problem(res, 404, 'route-not-found', 'No operation matches this path', `${req.method} ${path}`);
}

async function serveStatic(res, pathname) {
  let file = normalize(join(ROOT, pathname === '/' ? 'index.html' : pathname));
  if (!file.startsWith(ROOT) || pathname.includes('_headers')) file = join(ROOT, '404');
  try {
    const body = await readFile(file);
    const headersFile = await readFile(join(ROOT, '_headers'), 'utf8').catch(() => '');
    const headers = { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream' };
    for (const line of headersFile.split('\n')) {
      const m = /^\s+([\w-]+):\s*(.+)$/.exec(line);
      if (m) headers[m[1]] = m[2];
    }
    res.writeHead(200, headers);
    res.end(body);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  }
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, origin(req));
  const p = url.pathname;
  const parts = p.split('/').filter(Boolean).map(decodeURIComponent);
  try {
    if (p === '/healthz') return send(res, 200, { ok: true });
    if (p.startsWith('/mock/')) return mock(req, res, url);
    if (!p.startsWith('/v1/')) return serveStatic(res, p);
    if (p === '/v1/keys' && req.method === 'POST') {
      const key = `sk_${randomBytes(18).toString('base64url')}`;
      const id = randomBytes(6).toString('hex');
      keys.set(sha(key), { id, limits: LIMITS, daily: new Map(), monthUsed: 0 });
      return send(res, 201, { key, id, limits: LIMITS });
    }
    const who = auth(req, res);
    if (!who) return;
    if (p === '/v1/usage') {
      const daily = [];
      for (let i = 29; i >= 0; i--) {
        const date = new Date(Date.now() - i * 86400000).toISOString().slice(0, 10);
        daily.push({ date, count: who.daily.get(date) || (i % 7) * 3 });
      }
      const now = new Date();
      return send(res, 200, {
        id: who.id, limits: who.limits,
        minute: { used: 3, remaining: who.limits.perMinute - 3, resetAt: new Date(Math.ceil(now / 60000) * 60000).toISOString() },
        month: { used: who.monthUsed, remaining: who.limits.perMonth - who.monthUsed, resetAt: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString() },
        daily,
      });
    }
    if (parts[1] !== 'apis') return problem(res, 404, 'not-found', 'Not found', p);
    const [, , api, sub, version] = parts;
    if (!api && req.method === 'GET') {
      return send(res, 200, { apis: [...apis].filter(([, a]) => a.owner === who.id).map(([name, a]) => {
        const vs = [...a.versions.values()];
        return { api: name, latest: vs.at(-1)?.version ?? null, versions: vs.length, updatedAt: vs.at(-1)?.createdAt };
      }) });
    }
    const a = apis.get(api);
    if (a && a.owner !== who.id) return problem(res, 403, 'not-owner', 'This API belongs to another key', `${api} is owned by another key.`);
    const base = `${origin(req)}/mock/${api}`;
    if (sub === 'versions' && version && req.method === 'PUT') {
      const text = await readBody(req);
      if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(api) || !/^[A-Za-z0-9._-]{1,64}$/.test(version) || version === 'latest') {
        return problem(res, 400, 'invalid-name', 'Invalid API or version name', 'Bad name.');
      }
      const hash = sha(text);
      const existing = a?.versions.get(version);
      if (existing && existing.hash !== hash) return problem(res, 409, 'version-conflict', 'This version already exists with different content', `${api} ${version} already exists with different content.`);
      if (existing) return send(res, 200, summary(existing, base));
      const result = ingest(text);
      if (result.status !== 201) return problem(res, result.status, result.slug, result.title, result.detail, result.errors);
      const rec = { api, version, hash, doc: result.doc, operations: result.operations, createdAt: new Date().toISOString(), title: result.doc.info?.title || api, warnings: [] };
      const entry = a || { owner: who.id, versions: new Map() };
      entry.versions.set(version, rec);
      apis.set(api, entry);
      return send(res, 201, summary(rec, base));
    }
    if (!a) return problem(res, 404, 'api-not-found', 'No such API', `No API named ${api}.`);
    if (!sub && req.method === 'GET') {
      const vs = [...a.versions.values()].reverse();
      return send(res, 200, { api, latest: vs[0]?.version, latestUrl: `${base}/latest`, versions: vs.map((v) => ({ version: v.version, createdAt: v.createdAt, operations: v.operations.length, title: v.title, mockUrl: `${base}/${v.version}` })) });
    }
    if (!sub && req.method === 'DELETE') {
      apis.delete(api);
      return send(res, 204);
    }
    const v = a.versions.get(version);
    if (!v) return problem(res, 404, 'version-not-found', 'No such version', `${api} has no version ${version}.`);
    if (req.method === 'GET') {
      return send(res, 200, {
        api, version, title: v.title, description: v.doc.info?.description || '', infoVersion: String(v.doc.info?.version ?? ''), dialect: v.doc.openapi ? `openapi-${v.doc.openapi}` : 'swagger-2.0',
        createdAt: v.createdAt, mockUrl: `${base}/${version}`, latestUrl: `${base}/latest`, warnings: v.warnings,
        operations: v.operations.map(({ responses, ...op }) => ({ ...op, responses: responses.map(({ _content, ...r }) => r) })),
      });
    }
    if (req.method === 'DELETE') {
      a.versions.delete(version);
      if (a.versions.size === 0) apis.delete(api);
      return send(res, 204);
    }
    return problem(res, 405, 'method-not-allowed', 'Method not allowed', req.method);
  } catch (err) {
    return problem(res, 500, 'internal-error', 'Internal error', String(err));
  }
});

function summary(rec, base) {
  return { api: rec.api, version: rec.version, mockUrl: `${base}/${rec.version}`, latestUrl: `${base}/latest`, operations: rec.operations.length, warnings: rec.warnings, createdAt: rec.createdAt };
}

const port = Number(process.argv[2] || process.env.PORT || 8788);
server.listen(port, '127.0.0.1', () => console.log(`stub listening on http://127.0.0.1:${port}`));
