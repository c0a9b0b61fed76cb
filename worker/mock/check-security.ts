import type { OperationPlan, Plan, SecuritySchemePlan } from './plan';
import { escapeRegex } from '../util/escape-regex';

/** Enough of the request to check credentials: lower-cased headers, query pairs, parsed cookies. */
export interface CredentialSource {
  headers: Record<string, string>;
  query: [string, string][];
  cookies: Record<string, string>;
}

export type SecurityResult = { ok: true } | { ok: false; wwwAuthenticate: string; detail: string };

/**
 * Presence and shape of credentials, as a mock can check them: alternatives are OR-ed, the schemes
 * of one requirement AND-ed. An empty requirement (`{}`) admits anonymous callers.
 */
export function checkSecurity(
  plan: Plan,
  operation: OperationPlan,
  source: CredentialSource,
): SecurityResult {
  if (operation.security.length === 0) return { ok: true };
  const failed = new Set<string>();
  for (const requirement of operation.security) {
    const missing = requirement.filter((name) => !satisfied(plan.securitySchemes[name], source));
    if (missing.length === 0) return { ok: true };
    // One Authorization header cannot carry two schemes (azure.com/containerregistry ANDs basic
    // and oauth2): any one of them satisfies the rest, or no request could ever pass.
    const viaAuthorization = (name: string) => usesAuthorization(plan.securitySchemes[name]);
    if (
      missing.every(viaAuthorization) &&
      requirement.some((name) => viaAuthorization(name) && !missing.includes(name))
    )
      return { ok: true };
    for (const name of missing) failed.add(name);
  }
  const challenges = [
    ...new Set(
      [...failed]
        .map((name) => challenge(plan.securitySchemes[name]))
        .filter((c): c is string => c !== undefined),
    ),
  ];
  return {
    ok: false,
    wwwAuthenticate: challenges.join(','),
    detail: `The request does not satisfy the operation's security requirements (${operation.security.map((r) => r.join(' + ') || 'anonymous').join(' or ')}).`,
  };
}

function satisfied(scheme: SecuritySchemePlan | undefined, source: CredentialSource): boolean {
  if (!scheme) return true;
  const authorization = source.headers.authorization ?? '';
  switch (scheme.type) {
    case 'apiKey': {
      const name = scheme.name ?? '';
      if (scheme.in === 'query') return source.query.some(([k]) => k === name);
      if (scheme.in === 'cookie') return name in source.cookies;
      return source.headers[name.toLowerCase()] !== undefined;
    }
    case 'http':
      if (scheme.scheme === 'basic') return validBasic(authorization);
      if (scheme.scheme === 'digest') return /^Digest\s+\S/i.test(authorization);
      return new RegExp(`^${escapeRegex(scheme.scheme ?? 'bearer')}\\s+\\S`, 'i').test(authorization);
    case 'oauth2':
    case 'openIdConnect':
      return /^Bearer\s+\S/i.test(authorization);
    default:
      return true; // mutualTLS cannot be observed by a mock
  }
}

function usesAuthorization(scheme: SecuritySchemePlan | undefined): boolean {
  if (scheme?.type === 'apiKey')
    return scheme.in === 'header' && scheme.name?.toLowerCase() === 'authorization';
  return scheme?.type === 'http' || scheme?.type === 'oauth2' || scheme?.type === 'openIdConnect';
}

/** `Basic base64(user:password)`: the decoded token must contain a colon. */
function validBasic(authorization: string): boolean {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
  if (!m) return false;
  try {
    return atob(m[1]).includes(':');
  } catch {
    return false;
  }
}

function challenge(scheme: SecuritySchemePlan | undefined): string | undefined {
  if (!scheme) return undefined;
  if (scheme.type === 'http') {
    if (scheme.scheme === 'basic') return 'Basic realm="*"';
    if (scheme.scheme === 'digest') return 'Digest realm="*", nonce="abc123"';
    return capitalize(scheme.scheme ?? 'bearer');
  }
  if (scheme.type === 'oauth2') return 'OAuth2';
  if (scheme.type === 'openIdConnect') return 'OpenIdConnect';
  if (scheme.type === 'apiKey') return `ApiKey ${scheme.in ?? 'header'}="${scheme.name ?? ''}"`;
  return undefined;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const idx = part.indexOf('=');
    if (idx > 0) out[part.slice(0, idx).trim()] = part.slice(idx + 1).trim();
  }
  return out;
}
