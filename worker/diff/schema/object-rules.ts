import type { Schema } from '../../mock/plan';
import type { Delta } from './delta';
import type { Sub, View } from './view';

/**
 * Members of an object: properties added or removed, required or not, and what extra members
 * (`additionalProperties`) may be. A request property's tests sit on the parent object
 * (`{required: [name]}`), since that is where a validator reports a missing member.
 */

type Emit = (d: Delta) => void;
type Recurse = (a: Sub, b: Sub, value: string) => void;

export function objectDeltas(a: View, b: View, emit: Emit, recurse: Recurse): void {
  for (const [name, pa] of a.props) {
    const pb = b.props.get(name);
    if (pb === undefined) removed(a, b, name, pa, emit);
    else {
      requiredness(a, b, name, pb, emit);
      recurse(pa, pb, name);
    }
  }
  for (const [name, pb] of b.props) {
    if (a.props.has(name)) continue;
    const required = b.required.has(name);
    emit({
      kind: required ? 'added-required' : 'added-optional',
      side: 'to',
      at: pb.path,
      value: [name],
      detail: required ? 'added, required' : 'added, optional',
      // A caller may have sent it as an unknown member already: what it sends must now fit its schema.
      ...(required ? { test: { required: [name] }, testAt: [] } : { test: pb.schema }),
    });
  }
  additional(a, b, emit, recurse);
}

function removed(a: View, b: View, name: string, pa: Sub, emit: Emit): void {
  const closed = b.additional !== undefined && b.additional.schema === false;
  emit({
    kind: a.required.has(name) ? 'removed-required' : 'removed-optional',
    side: 'from',
    at: pa.path,
    value: [name],
    detail: a.required.has(name) ? 'removed (it was required)' : 'removed',
    member: true,
    // Sending it still is refused only where `to` closes the object to unknown members.
    ...(closed ? { test: { not: { required: [name] } }, testAt: [] } : {}),
  });
}

function requiredness(a: View, b: View, name: string, pb: Sub, emit: Emit): void {
  const before = a.required.has(name);
  const after = b.required.has(name);
  if (before === after) return;
  emit({
    kind: after ? 'became-required' : 'became-optional',
    side: 'to',
    at: pb.path,
    value: [name],
    detail: after ? 'became required' : 'is no longer required',
    ...(after ? { test: { required: [name] }, testAt: [] } : { member: true as const }),
  });
}

type Openness = 'open' | 'schema' | 'closed';

function openness(sub: Sub | undefined): Openness {
  if (sub === undefined || sub.schema === true) return 'open';
  if (sub.schema === false) return 'closed';
  return Object.keys(sub.schema).length === 0 ? 'open' : 'schema';
}

const RANK: Record<Openness, number> = { open: 0, schema: 1, closed: 2 };

function additional(a: View, b: View, emit: Emit, recurse: Recurse): void {
  const before = openness(a.additional);
  const after = openness(b.additional);
  if (before === 'schema' && after === 'schema') return recurse(a.additional!, b.additional!, '*');
  if (RANK[after] > RANK[before]) {
    const known: Record<string, Schema> = {};
    for (const name of b.props.keys()) known[name] = true;
    emit({
      kind: 'additional-properties-restricted',
      side: 'to',
      at: b.additional!.path,
      value: [],
      detail:
        after === 'closed' ? 'no longer accepts unknown members' : 'unknown members must now match a schema',
      test: { properties: known, additionalProperties: b.additional!.schema },
    });
  } else if (RANK[after] < RANK[before]) {
    emit({
      kind: 'additional-properties-relaxed',
      side: 'from',
      at: a.additional!.path,
      value: [],
      detail: 'now accepts more unknown members',
    });
  }
}
