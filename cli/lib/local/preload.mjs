// The one spec local mode serves, published into the fresh Worker through its own HTTP API.

/** Creates an unlimited key through the admin token and publishes one spec. */
export async function preload(worker, { text, contentType, api, version }) {
  const limits = { perMinute: 1_000_000, perMonth: 10_000_000_000 }; // the service's caps
  const keyRes = await worker.dispatch('/v1/keys', {
    method: 'POST',
    headers: { authorization: `Bearer ${worker.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ limits }),
  });
  const keyBody = await keyRes.json();
  if (keyRes.status !== 201)
    throw new Error(`creating the local key failed (${keyRes.status}): ${JSON.stringify(keyBody)}`);
  const res = await worker.dispatch(`/v1/apis/${api}/versions/${encodeURIComponent(version)}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${keyBody.key}`, 'content-type': contentType },
    body: text,
  });
  const body = await res.json();
  return { status: res.status, body, key: keyBody.key };
}
