import type { Plan, SecurityPlan } from '../mock/plan';
import { found, operationLabel, type Found } from './change';
import type { OperationPair } from './operations';
import { operationPointer } from './pointer';

/**
 * Security requirements, compared by what the schemes ask of a caller (an API key in a header named
 * X, HTTP bearer, …), not by the schemes' names. A caller that satisfied one requirement of `from`
 * is still admitted when some requirement of `to` asks for no more than that one did; otherwise the
 * change adds security. A requirement of `to` weaker than every one of `from` relaxes it.
 */
export function securityChanges(from: Plan, to: Plan, pair: OperationPair): Found[] {
  const before = requirements(from, pair.from.security);
  const after = requirements(to, pair.to.security);
  const admitted = (old: Set<string>) => after.some((req) => subset(req, old));
  const out: Found[] = [];
  const stricter = before.filter((old) => !admitted(old));
  const pointer = `${operationPointer(pair.to)}/security`;
  if (stricter.length > 0)
    out.push(
      found(
        {
          rule: 'api-security-added',
          level: 'breaking',
          operation: operationLabel(pair.to),
          direction: 'request',
          pointer,
          message: `security: callers with ${stricter.map(show).join(' or ')} are no longer admitted; it now needs ${after.map(show).join(' or ')}`,
        },
        { kind: 'security' },
        pair.from,
      ),
    );
  const weaker = after.filter((req) => !before.some((old) => subset(old, req)));
  if (weaker.length > 0)
    out.push(
      found(
        {
          rule: 'api-security-removed',
          level: 'non-breaking',
          operation: operationLabel(pair.to),
          direction: 'request',
          pointer,
          message: `security: now also admits ${weaker.map(show).join(' or ')}`,
        },
        { kind: 'none' },
        pair.from,
      ),
    );
  return out;
}

/** Alternatives as sets of scheme descriptions; no requirement at all is one empty alternative. */
function requirements(plan: Plan, security: SecurityPlan): Set<string>[] {
  if (security.length === 0) return [new Set()];
  return security.map((req) => new Set(req.map((name) => describe(plan, name))));
}

function describe(plan: Plan, name: string): string {
  const s = plan.securitySchemes[name];
  if (!s) return `unknown scheme ${name}`;
  if (s.type === 'apiKey')
    return `API key in ${s.in ?? 'header'} ${s.in === 'header' ? (s.name ?? '').toLowerCase() : s.name}`;
  if (s.type === 'http') return `HTTP ${s.scheme ?? 'bearer'}`;
  return s.type === 'oauth2' || s.type === 'openIdConnect' ? 'a bearer token (OAuth 2)' : s.type;
}

function subset(small: Set<string>, big: Set<string>): boolean {
  for (const x of small) if (!big.has(x)) return false;
  return true;
}

function show(req: Set<string>): string {
  return req.size === 0 ? 'no credentials' : [...req].join(' + ');
}
