// Listing and following deliveries, for `specmock deliveries` (over HTTP) and `specmock mock
// --webhook` (through the local Worker): new deliveries by polling `?after=<newest>`, and the new
// attempts of deliveries still being retried by reading each of them again until it settles.
import { deliveryLines, settled } from './delivery-lines.mjs';

/** The `after` cursor of a delivery: the newest one seen so far. */
function cursorOf(delivery) {
  return String(delivery.seq ?? delivery.id);
}

/**
 * list(params) → { deliveries } (newest first), one(id) → the delivery. Prints the first page oldest
 * first and, with `follow`, keeps printing until the process is stopped; `stop()` ends it (tests).
 */
export async function followDeliveries({ list, one, limit, follow, interval, json, write, stop }) {
  const printed = new Map(); // id → attempts printed (with json: the last record printed)
  const open = new Set();
  const show = (d) => {
    if (json) {
      const record = JSON.stringify(d);
      if (printed.get(d.id) !== record) write(record);
      printed.set(d.id, record);
    } else {
      for (const line of deliveryLines(d, printed.get(d.id))) write(line);
      printed.set(d.id, Math.max(printed.get(d.id) ?? 0, d.attempts?.length ?? 0));
    }
    if (settled(d)) open.delete(d.id);
    else open.add(d.id);
  };
  const first = await list({ limit });
  const page = first.deliveries ?? [];
  let cursor = page.length ? cursorOf(page[0]) : undefined;
  for (const d of [...page].reverse()) show(d);
  while (follow && !stop?.()) {
    await new Promise((r) => setTimeout(r, interval));
    const fresh = (await list({ ...(cursor ? { after: cursor } : {}), limit: '200' })).deliveries ?? [];
    if (fresh.length) cursor = cursorOf(fresh[0]);
    const seen = new Set(fresh.map((d) => d.id));
    for (const d of [...fresh].reverse()) show(d);
    for (const id of [...open]) if (!seen.has(id)) show(await one(id));
  }
}
