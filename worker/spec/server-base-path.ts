import type { Dialect } from './check-structure';
import { isRecord } from './normalize-media';

const MAX_BASE_PATH = 256;

/**
 * The path the description's first server puts before every operation path (`/v3` of
 * `https://api.sendgrid.com/v3`, Swagger 2.0's `basePath`), or undefined when there is none. The
 * mock serves the spec's paths relative to its own URL, and also accepts them behind this prefix:
 * an SDK whose base URL is the mock's root sends `/v3/mail/send` (README "Mock URLs"). Server
 * variables take their defaults; a path that still holds a template or is not a plain path is
 * ignored.
 */
export function serverBasePath(doc: Record<string, unknown>, dialect: Dialect): string | undefined {
  const raw = dialect === 'swagger-2.0' ? doc.basePath : firstServerPath(doc.servers);
  if (typeof raw !== 'string') return undefined;
  const path = raw.replace(/\/+$/, '');
  if (path === '' || !path.startsWith('/') || path.length > MAX_BASE_PATH) return undefined;
  return /[{}?#\s]/.test(path) ? undefined : path;
}

function firstServerPath(servers: unknown): string | undefined {
  const first: unknown = Array.isArray(servers) ? servers[0] : undefined;
  if (!isRecord(first) || typeof first.url !== 'string') return undefined;
  const variables = isRecord(first.variables) ? first.variables : {};
  const url = first.url.replace(/\{([^}]*)\}/g, (whole, name: string) => {
    const v = variables[name];
    return isRecord(v) && typeof v.default === 'string' ? v.default : whole;
  });
  try {
    // A relative server URL (`/v3`) is relative to where the document is served: its path as written.
    return url.startsWith('/') ? new URL(url, 'https://x.invalid').pathname : new URL(url).pathname;
  } catch {
    return undefined;
  }
}
