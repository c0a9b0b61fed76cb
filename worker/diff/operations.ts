import type { OperationPlan, Plan } from '../mock/plan';
import { found, operationLabel, type Found } from './change';
import { operationPointer, pathPointer } from './pointer';

export interface OperationPair {
  from: OperationPlan;
  to: OperationPlan;
}

/** "/pets/{petId}" and "/pets/{id}" are one path to a caller: parameters are matched by position. */
function pathShape(path: string): string {
  const clean = path.startsWith('/') ? path : `/${path}`;
  return clean.replace(/\{[^}]*\}/g, '{}').replace(/(.)\/$/, '$1');
}

function opKey(op: OperationPlan): string {
  return `${op.method} ${pathShape(op.path)}`;
}

/**
 * Pairs the operations of two plans by method and path shape; reports operations and paths removed,
 * added and newly deprecated.
 */
export function matchOperations(from: Plan, to: Plan): { pairs: OperationPair[]; changes: Found[] } {
  const toByKey = new Map(to.operations.map((op) => [opKey(op), op]));
  const fromKeys = new Set(from.operations.map(opKey));
  const toPaths = new Set(to.operations.map((op) => pathShape(op.path)));
  const fromPaths = new Set(from.operations.map((op) => pathShape(op.path)));
  const pairs: OperationPair[] = [];
  const changes: Found[] = [];
  for (const op of from.operations) {
    const match = toByKey.get(opKey(op));
    if (match) {
      pairs.push({ from: op, to: match });
      if (match.deprecated && !op.deprecated) changes.push(deprecated(match, op));
      continue;
    }
    const pathGone = !toPaths.has(pathShape(op.path));
    changes.push(
      found(
        {
          rule: pathGone ? 'api-path-removed' : 'api-operation-removed',
          level: 'breaking',
          operation: operationLabel(op),
          direction: null,
          pointer: pathGone ? pathPointer(op) : operationPointer(op),
          message: pathGone
            ? `${operationLabel(op)}: the path ${op.path} was removed`
            : `${operationLabel(op)}: the operation was removed (the path remains)`,
        },
        { kind: 'route' },
        op,
      ),
    );
  }
  for (const op of to.operations) {
    if (fromKeys.has(opKey(op))) continue;
    const newPath = !fromPaths.has(pathShape(op.path));
    changes.push(
      found(
        {
          rule: newPath ? 'api-path-added' : 'api-operation-added',
          level: 'non-breaking',
          operation: operationLabel(op),
          direction: null,
          pointer: operationPointer(op),
          message: `${operationLabel(op)}: ${newPath ? 'new path' : 'new operation'}`,
        },
        { kind: 'none' },
        undefined,
      ),
    );
  }
  return { pairs, changes };
}

function deprecated(op: OperationPlan, fromOp: OperationPlan): Found {
  return found(
    {
      rule: 'api-operation-deprecated',
      level: 'non-breaking',
      operation: operationLabel(op),
      direction: null,
      pointer: `${operationPointer(op)}/deprecated`,
      message: `${operationLabel(op)}: deprecated`,
    },
    { kind: 'none' },
    fromOp,
  );
}
