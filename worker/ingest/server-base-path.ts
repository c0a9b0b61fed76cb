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
function serverBasePath(doc: Record<string, unknown>, dialect: Dialect): string | undefined {
  const raw = dialect === 'swagger-2.0' ? doc.basePath : firstServerPath(doc.servers);
  if (typeof raw !== 'string') return undefined;
  const path = raw.replace(/\/+$/, '');
  if (path === '' || !path.startsWith('/') || path.length > MAX_BASE_PATH) return undefined;
  return /[{}?#\s]/.test(path) ? undefined : path;
}

/**
 * The host name of the description's first server (`api.twilio.com`; Swagger 2.0's `host`), lower
 * case, or undefined when it names none: a refusal the description gives no error shape for is
 * answered in the vendor's documented envelope when the host is one specmock knows (vendor-errors.ts).
 */
function serverHost(doc: Record<string, unknown>, dialect: Dialect): string | undefined {
  const raw =
    dialect === 'swagger-2.0'
      ? typeof doc.host === 'string'
        ? `https://${doc.host}`
        : undefined
      : firstServerUrl(doc.servers);
  if (raw === undefined || raw.startsWith('/')) return undefined;
  try {
    const host = new URL(raw).hostname.toLowerCase();
    return host === '' || host.length > MAX_BASE_PATH ? undefined : host;
  } catch {
    return undefined;
  }
}

/** The plan's members about the first server, only those it has. */
export function serverFacts(
  doc: Record<string, unknown>,
  dialect: Dialect,
): { basePath?: string; host?: string } {
  const basePath = serverBasePath(doc, dialect);
  const host = serverHost(doc, dialect);
  return { ...(basePath !== undefined ? { basePath } : {}), ...(host !== undefined ? { host } : {}) };
}

function firstServerUrl(servers: unknown): string | undefined {
  const first: unknown = Array.isArray(servers) ? servers[0] : undefined;
  if (!isRecord(first) || typeof first.url !== 'string') return undefined;
  const variables = isRecord(first.variables) ? first.variables : {};
  return first.url.replace(/\{([^}]*)\}/g, (whole, name: string) => {
    const v = variables[name];
    return isRecord(v) && typeof v.default === 'string' ? v.default : whole;
  });
}

function firstServerPath(servers: unknown): string | undefined {
  const url = firstServerUrl(servers);
  if (url === undefined) return undefined;
  try {
    // A relative server URL (`/v3`) is relative to where the document is served: its path as written.
    return url.startsWith('/') ? new URL(url, 'https://x.invalid').pathname : new URL(url).pathname;
  } catch {
    return undefined;
  }
}
