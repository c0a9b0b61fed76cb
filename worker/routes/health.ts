export function health(): Response {
  return Response.json({ ok: true });
}
