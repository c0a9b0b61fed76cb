import type { Plan, ResponsePlan } from '../mock/plan';
import { found, operationLabel, type Found, type Hit } from './change';
import { pairTypes } from './media-types';
import type { OperationPair } from './operations';
import {
  headerPointer,
  headerSchemaPointer,
  responseMediaPointer,
  responsePointer,
  responseSchemaPointer,
} from './pointer';
import type { Level } from './rules';
import type { RuleId } from './schema-kinds';
import type { SchemaDiffer } from './schema/compare';
import { siteChanges } from './schema-site';

/** Responses: statuses and media types removed or added, headers, and each body's schema. */
export function responseChanges(from: Plan, to: Plan, pair: OperationPair, differ: SchemaDiffer): Found[] {
  const out: Found[] = [];
  const after = new Map(pair.to.responses.map((r) => [r.status, r]));
  const change = (rule: RuleId, level: Level, pointer: string, subject: string, detail: string, hit: Hit) =>
    found(
      {
        rule,
        level,
        operation: operationLabel(pair.to),
        direction: 'response',
        pointer,
        message: `${subject}: ${detail}`,
      },
      hit,
      pair.from,
    );
  for (const a of pair.from.responses) {
    const b = after.get(a.status);
    const subject = `${label(a.status)} response`;
    if (b === undefined) {
      const success = a.status.startsWith('2');
      out.push(
        change(
          success ? 'response-success-status-removed' : 'response-non-success-status-removed',
          success ? 'breaking' : 'non-breaking',
          responsePointer(pair.from, a.status),
          subject,
          'removed',
          { kind: 'response', status: a.status },
        ),
      );
      continue;
    }
    after.delete(a.status);
    const types = pairTypes(Object.keys(a.content), Object.keys(b.content));
    for (const t of types.removed)
      out.push(
        change(
          'response-media-type-removed',
          'breaking',
          responseMediaPointer(from, pair.from, a.status, t),
          subject,
          `media type ${t} removed`,
          { kind: 'response', status: a.status, media: t },
        ),
      );
    for (const t of types.added)
      out.push(
        change(
          'response-media-type-added',
          'non-breaking',
          responseMediaPointer(to, pair.to, b.status, t),
          subject,
          `media type ${t} added`,
          { kind: 'none' },
        ),
      );
    out.push(...headerChanges(from, to, pair, a, b, differ, change));
    out.push(...bodyChanges(from, to, pair, a, b, types.both, differ));
  }
  for (const b of after.values())
    out.push(
      change(
        'response-status-added',
        'non-breaking',
        responsePointer(pair.to, b.status),
        `${label(b.status)} response`,
        'added',
        { kind: 'none' },
      ),
    );
  return out;
}

function label(status: string): string {
  return status === 'DEFAULT' ? 'default' : status;
}

function bodyChanges(
  from: Plan,
  to: Plan,
  pair: OperationPair,
  a: ResponsePlan,
  b: ResponsePlan,
  both: [string, string][],
  differ: SchemaDiffer,
): Found[] {
  // Swagger 2.0 puts one schema under every `produces` type: it is compared once, for any type.
  const single = from.dialect === 'swagger-2.0' && to.dialect === 'swagger-2.0';
  return (single ? both.slice(0, 1) : both).flatMap(([ta, tb]) => {
    const sa = a.content[ta].schema;
    const sb = b.content[tb].schema;
    if (sa === undefined || sb === undefined) return [];
    return siteChanges(differ.compare(sa, sb), {
      scope: 'response-property',
      subject: single ? `${label(b.status)} response` : `${label(b.status)} response (${tb})`,
      fromOp: pair.from,
      toOp: pair.to,
      pointer: (side, tokens) =>
        side === 'from'
          ? responseSchemaPointer(from, pair.from, a.status, ta, tokens)
          : responseSchemaPointer(to, pair.to, b.status, tb, tokens),
      hit: (d) => ({
        kind: 'response',
        status: a.status,
        ...(single ? {} : { media: ta }),
        at: d.value,
        ...(d.member ? { removes: true as const } : {}),
      }),
    });
  });
}

function headerChanges(
  from: Plan,
  to: Plan,
  pair: OperationPair,
  a: ResponsePlan,
  b: ResponsePlan,
  differ: SchemaDiffer,
  change: (rule: RuleId, level: Level, pointer: string, subject: string, detail: string, hit: Hit) => Found,
): Found[] {
  const out: Found[] = [];
  const lower = (h: Record<string, unknown>) => new Map(Object.keys(h).map((k) => [k.toLowerCase(), k]));
  const before = lower(a.headers);
  const after = lower(b.headers);
  const subject = (name: string) => `${label(b.status)} response header ${name}`;
  const none: Hit = { kind: 'none' };
  for (const [key, name] of before) {
    const ha = a.headers[name];
    const nameB = after.get(key);
    if (nameB === undefined) {
      out.push(
        ha.required
          ? change(
              'response-required-header-removed',
              'breaking',
              headerPointer(pair.from, a.status, name),
              subject(name),
              'removed',
              none,
            )
          : change(
              'response-optional-header-removed',
              'possibly-breaking',
              headerPointer(pair.from, a.status, name),
              subject(name),
              'removed',
              none,
            ),
      );
      continue;
    }
    const hb = b.headers[nameB];
    if (ha.required && !hb.required)
      out.push(
        change(
          'response-header-became-optional',
          'breaking',
          headerPointer(pair.to, b.status, nameB),
          subject(nameB),
          'is no longer required',
          none,
        ),
      );
    out.push(
      ...siteChanges(differ.compare(ha.schema, hb.schema), {
        scope: 'response-header',
        subject: subject(nameB),
        fromOp: pair.from,
        toOp: pair.to,
        pointer: (side, tokens) =>
          side === 'from'
            ? headerSchemaPointer(from, pair.from, a.status, name, tokens)
            : headerSchemaPointer(to, pair.to, b.status, nameB, tokens),
        hit: () => none,
      }),
    );
  }
  for (const [key, name] of after)
    if (!before.has(key))
      out.push(
        change(
          'response-header-added',
          'non-breaking',
          headerPointer(pair.to, b.status, name),
          subject(name),
          'added',
          none,
        ),
      );
  return out;
}
