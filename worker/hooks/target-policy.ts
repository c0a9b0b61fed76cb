/**
 * Where the hosted service may send a delivery. With `WEBHOOK_TARGETS=public` (the default) only
 * public http(s) hosts: no loopback, private, link-local, shared (CGNAT), metadata, multicast or
 * unspecified address and no `localhost`/`.internal`/`.local` name, written in any of the forms a
 * URL parser accepts (`http://2130706433/`, `http://0x7f.1/`, `[::ffff:127.0.0.1]` are all
 * normalised by `new URL` first). `any` (npm run dev, specmock mock) lets loopback receivers work.
 * A name that resolves to a private address is not caught here (a Worker cannot resolve names);
 * Cloudflare's own fetch refuses private destinations on the hosted service.
 */
export type TargetPolicy = 'public' | 'any';

export function targetPolicy(value: string | undefined): TargetPolicy {
  return value === 'any' ? 'any' : 'public';
}

const MAX_URL = 2048;

/** The URL to send to, or why it is refused. */
export function checkTarget(
  raw: string,
  policy: TargetPolicy,
): { ok: true; url: URL } | { ok: false; reason: string } {
  if (raw.length > MAX_URL) return { ok: false, reason: `the URL is longer than ${MAX_URL} characters` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: `"${raw.slice(0, 200)}" is not an absolute URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, reason: `only http and https URLs are sent to, not ${url.protocol}` };
  if (url.username || url.password)
    return { ok: false, reason: 'a URL with credentials in it is not sent to' };
  if (policy === 'any') return { ok: true, url };
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const why = privateHost(host);
  return why
    ? { ok: false, reason: `${host} is ${why}; only public hosts are sent to (WEBHOOK_TARGETS=public)` }
    : { ok: true, url };
}

function privateHost(host: string): string | undefined {
  if (host === 'localhost' || host.endsWith('.localhost')) return 'a loopback name';
  if (/(^|\.)(internal|local|lan|home\.arpa|intranet)$/.test(host) || host === 'metadata')
    return 'a private or metadata name';
  if (host.startsWith('[')) return privateV6(host.slice(1, -1));
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (v4) return privateV4(v4.slice(1).map(Number));
  if (!host.includes('.')) return 'not a public domain name';
  return undefined;
}

function privateV4([a, b]: number[]): string | undefined {
  if (a === 127) return 'a loopback address';
  if (a === 0) return 'an unspecified address';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'a private address';
  if (a === 169 && b === 254) return 'a link-local (metadata) address';
  if (a === 100 && b >= 64 && b <= 127) return 'a shared (CGNAT) address';
  if (a >= 224) return 'a multicast or reserved address';
  if (a === 192 && b === 0) return 'a reserved address';
  if (a === 198 && (b === 18 || b === 19)) return 'a benchmarking address';
  return undefined;
}

function privateV6(h: string): string | undefined {
  if (h === '::1' || h === '::') return 'a loopback or unspecified address';
  const mapped = /^::ffff:(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/.exec(h);
  if (mapped) {
    const octets = mapped[1]
      ? mapped[1].split('.').map(Number)
      : [parseInt(mapped[2], 16) >> 8, parseInt(mapped[2], 16) & 255, parseInt(mapped[3], 16) >> 8];
    return privateV4(octets) ?? undefined;
  }
  if (/^f[cd]/.test(h)) return 'a unique-local address';
  if (/^fe[89ab]/.test(h)) return 'a link-local address';
  if (/^ff/.test(h)) return 'a multicast address';
  if (h.startsWith('64:ff9b:') || h.startsWith('2001:db8')) return 'a translated or documentation address';
  return undefined;
}
