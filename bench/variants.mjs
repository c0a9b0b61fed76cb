import { readFileSync, writeFileSync } from 'node:fs';

/** The Worker's entry point, as esbuild prints worker/index.ts's default export. */
const ENTRY = /var index_default = \{\n {2}fetch: \(request, env, ctx\) => handle\(request, env, ctx\)\n\};/;
const LOOP = `var index_default = {
  fetch: async (request, env, ctx) => {
    const url = request.url;
    const at = url.indexOf('/__loop/');
    if (at < 0) return handle(request, env, ctx);
    const target = url.slice(0, at) + url.slice(at + 7);
    const n = Number(request.headers.get('x-loop-n'));
    const floor = request.headers.has('x-loop-floor');
    const headers = new Headers(request.headers);
    headers.delete('x-loop-n');
    headers.delete('x-loop-floor');
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text();
    for (let k = 0; k < n; k++) {
      const inner = new Request(target, { method: request.method, headers, body });
      const res = floor ? new Response('hello') : await handle(inner, env, ctx);
      if (res.status >= 300) return new Response('status ' + res.status + ': ' + (await res.text()), { status: 500 });
    }
    return new Response('ok');
  },
};`;

/**
 * Measurement-only variants of the same bundle, made by patching its text (worker/ is unchanged).
 * Each patch returns the new text, or null when the code no longer has the expected shape.
 * - 'no-engine' replaces the pure mock() by a fixed response, so the router and the mock route's
 *   I/O shell are measured alone;
 * - 'loop' answers `…/__loop/<path>` by calling the Worker N times (x-loop-n) with the request's
 *   method, headers and body, or with x-loop-floor by only building each `Request` and a
 *   `Response('hello')`, the runtime's floor for the same loop (cpu-per-call.mjs).
 */
const PATCHES = {
  'no-engine': (source) => {
    // The stateless runner of worker/mock-call/serve-call.ts, as esbuild prints it.
    const pattern = 'return resultOf(runMock(call.target, request, call.behaviour));';
    if (source.split(pattern).length !== 2) return null;
    return source.replace(
      pattern,
      // One result for every call, marked repeated as a kept answer is (answer-cache.ts), so the
      // variant is sent the way local mode sends a repeated answer (http/decorate.ts).
      `return globalThis.__benchFixed ??= { kind: 'answer', response: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"id":42,"name":"Bench","tag":"fixed"}' }, repeated: true, operationId: 'showPetById', latencyMs: 0, label: null };`,
    );
  },
  loop: (source) => (ENTRY.test(source) ? source.replace(ENTRY, LOOP) : null),
};

/** The URL that makes the 'loop' variant repeat the call `url` names. */
export function loopUrl(url) {
  return url.replace(/^(https?:\/\/[^/]+)/, '$1/__loop');
}

/** The variant's bundle, written next to `script`; null when the bundle no longer has its shape. */
export function variantBundle(script, variant) {
  const patch = PATCHES[variant];
  if (!patch) throw new Error(`unknown variant ${variant}`);
  const source = patch(readFileSync(script, 'utf8'));
  if (source === null) return null;
  // Next to the original: workerd resolves module names relative to the directory it starts in.
  const out = script.replace(/index\.js$/, `index.bench-${variant}.js`);
  writeFileSync(out, source);
  return out;
}
