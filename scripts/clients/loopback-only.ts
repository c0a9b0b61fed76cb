import dns from 'node:dns';

/** Host names an SDK tried to reach outside the mock (a pagination link that leads to the real API). */
export const refusedHosts: string[] = [];

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1)$/i;

/**
 * A safety net, not a redirect: the suite must never send traffic off this machine, so every name
 * lookup other than loopback fails here (as it would offline) and is noted, whatever a link in a
 * mock answer says. SDKs are pointed at 127.0.0.1 literally and never need a lookup.
 */
export function refuseNonLoopbackLookups(): void {
  const original = dns.lookup;
  const refuse = (hostname: string) => {
    refusedHosts.push(hostname);
    return Object.assign(
      new Error(`getaddrinfo ENOTFOUND ${hostname} (the clients suite stays on loopback)`),
      {
        code: 'ENOTFOUND',
        hostname,
      },
    );
  };
  const guarded = ((hostname: string, ...rest: unknown[]) => {
    const callback = rest.at(-1) as (e: Error) => void;
    if (!LOOPBACK.test(hostname)) return process.nextTick(() => callback(refuse(hostname)));
    return (original as (...a: unknown[]) => void)(hostname, ...rest);
  }) as typeof dns.lookup;
  dns.lookup = guarded;
  const promised = dns.promises.lookup;
  dns.promises.lookup = ((hostname: string, ...rest: unknown[]) =>
    LOOPBACK.test(hostname)
      ? (promised as (...a: unknown[]) => Promise<unknown>)(hostname, ...rest)
      : Promise.reject(refuse(hostname))) as typeof dns.promises.lookup;
}
