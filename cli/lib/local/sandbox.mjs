// `specmock mock --stateful`: the one sandbox local mode serves, created through the Worker's own API.

/** Seven days, the longest idle TTL: in local mode the sandbox lives as long as the process. */
const LOCAL_TTL_SECONDS = 604_800;

/**
 * `id` is the one the Worker was started with as its ROOT_MOCK (so the port's root serves it): the
 * only id the service lets a creator choose.
 */
export async function createLocalSandbox(worker, { key, api, version, seed, id }) {
  const res = await worker.dispatch('/v1/sandboxes', {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      api,
      version,
      ttlSeconds: LOCAL_TTL_SECONDS,
      ...(id !== undefined ? { id } : {}),
      ...(seed !== undefined ? { seed } : {}),
    }),
  });
  return { status: res.status, body: await res.json() };
}
