import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Measurement-only variants of the same bundle, made by patching its text (worker/ is unchanged):
 *  - 'no-quota': the mock route's consumeForMock() round trip replaced by the decision an empty
 *    counter gives (no Durable Object call at all);
 *  - 'no-quota-no-engine': as 'no-quota', and the pure mock() replaced by a fixed response;
 *  - 'quota-no-write': the round trip kept, but KeyAccount skips persisting the counters.
 * Returns null when the code no longer has the expected shape (then a Worker-side switch is needed).
 */
export function variantBundle(script, variant) {
  let source = readFileSync(script, 'utf8');
  if (variant === 'no-quota') {
    const pattern = /accountStub\((\w+), (\w+)\.owner\)\.consumeForMock\(([\w.]+)\)/;
    if (
      !pattern.test(source) ||
      !/^function evaluate\(/m.test(source) ||
      !/^function emptyCounters\(/m.test(source)
    )
      return null;
    source = source.replace(
      pattern,
      (_m, _env, _mirror, now) =>
        `Promise.resolve({ ok: true, decision: evaluate(emptyCounters(), { perMinute: 1000000, perMonth: 10000000000 }, ${now}) })`,
    );
  } else if (variant === 'no-quota-no-engine') {
    const q = variantBundle(script, 'no-quota');
    if (!q) return null;
    source = readFileSync(q, 'utf8');
    const pattern =
      'const { outcome, operationId, steering, label } = steeredMock(target, mockRequest, behaviour);';
    if (source.split(pattern).length !== 2) return null;
    source = source.replace(
      pattern,
      `const outcome = { ok: true, response: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"id":42,"name":"Bench","tag":"fixed"}' }, operation: { id: 'showPetById' } }, operationId = 'showPetById', steering = { latencyMs: 0 }, label = null;`,
    );
  } else if (variant === 'quota-no-write') {
    const pattern = 'await this.ctx.storage.put("counters", counters);';
    if (source.split(pattern).length !== 2) return null;
    source = source.replace(pattern, '/* bench: counters not persisted */');
  }
  // Next to the original: workerd resolves module names relative to the directory it starts in.
  const out = script.replace(/index\.js$/, `index.bench-${variant}.js`);
  writeFileSync(out, source);
  return out;
}
