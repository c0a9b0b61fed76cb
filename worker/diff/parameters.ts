import type { OperationPlan, ParameterPlan, Plan } from '../mock/plan';
import { found, operationLabel, type Found } from './change';
import type { OperationPair } from './operations';
import { parameterPointer, parameterSchemaPointer, join } from './pointer';
import type { RuleId } from './schema-kinds';
import type { Level } from './rules';
import type { SchemaDiffer } from './schema/compare';
import { siteChanges } from './schema-site';

/**
 * Parameters: added, removed, required or not, moved to another location, serialized otherwise, and
 * their schemas. Path parameters are matched by their position in the path, so renaming `{id}` to
 * `{petId}` is no change; the others by location and name (header names ignoring case).
 */
export function parameterChanges(from: Plan, to: Plan, pair: OperationPair, differ: SchemaDiffer): Found[] {
  const before = keyed(pair.from);
  const after = keyed(pair.to);
  const out: Found[] = [];
  const movedTo = new Set<string>();
  for (const [key, a] of before) {
    const b = after.get(key);
    if (b) {
      out.push(...sameParameter(from, to, pair, a, b, differ));
      continue;
    }
    const elsewhere = [...after.entries()].find(
      ([k, p]) => p.in !== a.in && p.in !== 'path' && !before.has(k) && sameName(p, a),
    );
    if (elsewhere) {
      movedTo.add(elsewhere[0]);
      const b2 = elsewhere[1];
      out.push(
        change(
          pair,
          'request-parameter-moved',
          'breaking',
          parameterPointer(pair.to, b2),
          a,
          `moved to the ${b2.in}`,
          {
            kind: 'param',
            in: b2.in,
            name: b2.name,
          },
        ),
      );
    } else {
      out.push(
        change(
          pair,
          'request-parameter-removed',
          'possibly-breaking',
          parameterPointer(pair.from, a),
          a,
          'removed',
          { kind: 'none' },
        ),
      );
    }
  }
  for (const [key, b] of after) {
    if (before.has(key) || movedTo.has(key)) continue;
    const rule: RuleId = b.required ? 'request-parameter-added-required' : 'request-parameter-added-optional';
    const hit = b.required
      ? ({ kind: 'param', in: b.in, name: b.name } as const)
      : ({ kind: 'none' } as const);
    out.push(
      change(
        pair,
        rule,
        b.required ? 'breaking' : 'non-breaking',
        parameterPointer(pair.to, b),
        b,
        b.required ? 'added, required' : 'added, optional',
        hit,
      ),
    );
  }
  return out;
}

function sameParameter(
  from: Plan,
  to: Plan,
  pair: OperationPair,
  a: ParameterPlan,
  b: ParameterPlan,
  differ: SchemaDiffer,
): Found[] {
  const out: Found[] = [];
  const at = parameterPointer(pair.to, b);
  if (!a.required && b.required)
    out.push(
      change(pair, 'request-parameter-became-required', 'breaking', at, b, 'became required', {
        kind: 'param',
        in: b.in,
        name: b.name,
      }),
    );
  if (a.required && !b.required && b.in !== 'path')
    out.push(
      change(pair, 'request-parameter-became-optional', 'non-breaking', at, b, 'is no longer required', {
        kind: 'none',
      }),
    );
  if (a.style !== b.style || a.explode !== b.explode || a.contentType !== b.contentType)
    out.push(
      change(
        pair,
        'request-parameter-serialization-changed',
        'possibly-breaking',
        at,
        b,
        `serialization ${serialization(a)} → ${serialization(b)}`,
        {
          kind: 'value',
          in: b.in,
          name: b.name,
          at: [],
        },
      ),
    );
  const deltas = differ.compare(a.schema, b.schema);
  out.push(
    ...siteChanges(deltas, {
      scope: 'request-parameter',
      subject: `${b.in} parameter ${b.name}`,
      fromOp: pair.from,
      toOp: pair.to,
      pointer: (side, tokens) =>
        join(
          side === 'from'
            ? parameterSchemaPointer(from, pair.from, a)
            : parameterSchemaPointer(to, pair.to, b),
          tokens,
        ),
      hit: (d) => ({
        kind: 'value',
        in: b.in,
        name: b.name,
        at: d.testAt ?? d.value,
        ...(d.test !== undefined ? { test: d.test } : {}),
      }),
    }),
  );
  return out;
}

function change(
  pair: OperationPair,
  rule: RuleId,
  level: Level,
  pointer: string,
  param: ParameterPlan,
  detail: string,
  hit: Parameters<typeof found>[1],
): Found {
  return found(
    {
      rule,
      level,
      operation: operationLabel(pair.to),
      direction: 'request',
      pointer,
      message: `${param.in} parameter ${param.name}: ${detail}`,
    },
    hit,
    pair.from,
  );
}

function serialization(p: ParameterPlan): string {
  return p.contentType ?? `${p.style}${p.explode ? ', explode' : ''}`;
}

function sameName(a: ParameterPlan, b: ParameterPlan): boolean {
  return a.name.toLowerCase() === b.name.toLowerCase();
}

/** Each parameter under its identity: `path#2` for the third template segment's, `query:limit` … */
function keyed(op: OperationPlan): Map<string, ParameterPlan> {
  const names = [...op.path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
  const out = new Map<string, ParameterPlan>();
  for (const p of op.parameters) {
    const position = names.indexOf(p.name);
    const key =
      p.in === 'path'
        ? `path#${position === -1 ? p.name : position}`
        : `${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`;
    out.set(key, p);
  }
  return out;
}
