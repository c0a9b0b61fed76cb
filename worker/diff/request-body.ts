import type { Plan, RequestBodyPlan } from '../mock/plan';
import { found, operationLabel, type Found, type Hit } from './change';
import { matchContentType } from '../mock/negotiate';
import { pairTypes } from './media-types';
import type { OperationPair } from './operations';
import { requestBodyPointer, requestMediaPointer, requestSchemaPointer } from './pointer';
import type { Level } from './rules';
import type { RuleId } from './schema-kinds';
import type { SchemaDiffer } from './schema/compare';
import { siteChanges } from './schema-site';

type Change = (rule: RuleId, level: Level, pointer: string, detail: string, hit: Hit) => Found;

/** The request body: added, removed, required or not, its media types, and each one's schema. */
export function requestBodyChanges(from: Plan, to: Plan, pair: OperationPair, differ: SchemaDiffer): Found[] {
  const a = pair.from.requestBody;
  const b = pair.to.requestBody;
  const change: Change = (rule, level, pointer, detail, hit) =>
    found(
      {
        rule,
        level,
        operation: operationLabel(pair.to),
        direction: 'request',
        pointer,
        message: `request body: ${detail}`,
      },
      hit,
      pair.from,
    );
  const aTypes = Object.keys(a?.content ?? {});
  const bTypes = Object.keys(b?.content ?? {});
  if (aTypes.length === 0 && bTypes.length === 0) return [];
  const at = (plan: Plan, side: 'from' | 'to') => requestBodyPointer(plan, pair[side]);
  if (aTypes.length === 0)
    return b!.required
      ? [
          change('request-body-added-required', 'breaking', at(to, 'to'), 'added, required', {
            kind: 'body',
            when: 'absent',
          }),
        ]
      : [
          change('request-body-added-optional', 'non-breaking', at(to, 'to'), 'added, optional', {
            kind: 'none',
          }),
        ];
  if (bTypes.length === 0)
    return [
      change('request-body-removed', 'breaking', at(from, 'from'), 'removed', {
        kind: 'body',
        when: 'present',
      }),
    ];
  const out: Found[] = [];
  if (!a!.required && b!.required)
    out.push(
      change('request-body-became-required', 'breaking', at(to, 'to'), 'became required', {
        kind: 'body',
        when: 'absent',
      }),
    );
  if (a!.required && !b!.required)
    out.push(
      change('request-body-became-optional', 'non-breaking', at(to, 'to'), 'is no longer required', {
        kind: 'none',
      }),
    );
  const types = pairTypes(aTypes, bTypes);
  out.push(...mediaTypeChanges(from, to, pair, types, bTypes, change));
  out.push(...schemaChanges(from, to, pair, { a: a!, b: b! }, types.both, differ));
  return out;
}

function mediaTypeChanges(
  from: Plan,
  to: Plan,
  pair: OperationPair,
  types: ReturnType<typeof pairTypes>,
  bTypes: string[],
  change: Change,
): Found[] {
  // A type `to` still reads through a wildcard (`*/*`, `application/*`) is not removed for callers.
  const removed = types.removed.filter((t) => matchContentType(bTypes, t) === undefined);
  return [
    ...removed.map((t) =>
      change(
        'request-body-media-type-removed',
        'breaking',
        requestMediaPointer(from, pair.from, t),
        `media type ${t} no longer accepted`,
        {
          kind: 'media',
          types: [t],
        },
      ),
    ),
    ...types.added.map((t) =>
      change(
        'request-body-media-type-added',
        'non-breaking',
        requestMediaPointer(to, pair.to, t),
        `media type ${t} now accepted`,
        {
          kind: 'none',
        },
      ),
    ),
  ];
}

function schemaChanges(
  from: Plan,
  to: Plan,
  pair: OperationPair,
  bodies: { a: RequestBodyPlan; b: RequestBodyPlan },
  both: [string, string][],
  differ: SchemaDiffer,
): Found[] {
  // Swagger 2.0 puts one schema under every `consumes` type: it is compared once, for any type.
  const single = from.dialect === 'swagger-2.0' && to.dialect === 'swagger-2.0';
  return (single ? both.slice(0, 1) : both).flatMap(([ta, tb]) => {
    const sa = bodies.a.content[ta].schema;
    const sb = bodies.b.content[tb].schema;
    if (sa === undefined || sb === undefined) return [];
    return siteChanges(differ.compare(sa, sb), {
      scope: 'request-property',
      subject: single ? 'request body' : `request body (${tb})`,
      fromOp: pair.from,
      toOp: pair.to,
      pointer: (side, tokens) =>
        side === 'from'
          ? requestSchemaPointer(from, pair.from, ta, tokens)
          : requestSchemaPointer(to, pair.to, tb, tokens),
      hit: (d) => ({
        kind: 'value',
        in: 'body',
        ...(single ? {} : { media: tb }),
        at: d.testAt ?? d.value,
        ...(d.test !== undefined ? { test: d.test } : {}),
      }),
    });
  });
}
