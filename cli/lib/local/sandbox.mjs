// `specmock mock --stateful`: the one sandbox local mode serves, created through the Worker's own API.

/** Seven days, the longest idle TTL: in local mode the sandbox lives as long as the process. */
const LOCAL_TTL_SECONDS = 604_800;

export async function createLocalSandbox(worker, { key, api, version, seed }) {
  const res = await worker.dispatch('/v1/sandboxes', {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      api,
      version,
      ttlSeconds: LOCAL_TTL_SECONDS,
      ...(seed !== undefined ? { seed } : {}),
    }),
  });
  return { status: res.status, body: await res.json() };
}
