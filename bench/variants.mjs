import { readFileSync, writeFileSync } from 'node:fs';

/**
 * A measurement-only variant of the same bundle, made by patching its text (worker/ is unchanged):
 * 'no-engine' replaces the pure mock() by a fixed response, so the router and the mock route's I/O
 * shell are measured alone. Returns null when the code no longer has the expected shape.
 */
export function variantBundle(script, variant) {
  let source = readFileSync(script, 'utf8');
  if (variant !== 'no-engine') throw new Error(`unknown variant ${variant}`);
  // The stateless runner of worker/mock-call/serve-call.ts, as esbuild prints it.
  const pattern = 'return resultOf(runMock(call.target, request, call.behaviour));';
  if (source.split(pattern).length !== 2) return null;
  source = source.replace(
    pattern,
    // One result for every call, marked repeated as a kept answer is (answer-cache.ts), so the
    // variant is sent the way local mode sends a repeated answer (http/decorate.ts).
    `return globalThis.__benchFixed ??= { kind: 'answer', response: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"id":42,"name":"Bench","tag":"fixed"}' }, repeated: true, operationId: 'showPetById', latencyMs: 0, label: null };`,
  );
  // Next to the original: workerd resolves module names relative to the directory it starts in.
  const out = script.replace(/index\.js$/, `index.bench-${variant}.js`);
  writeFileSync(out, source);
  return out;
}
