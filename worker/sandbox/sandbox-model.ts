import type { MockTarget } from '../mock/mock';
import type { OperationPlan } from '../mock/plan';
import { inferResources } from './infer-resources';
import { bindingKey, type ResourcePlan } from './resources';

/** A version's inferred resources and its operations by `METHOD path`, computed once per target. */
export interface SandboxModel {
  resources: ResourcePlan;
  operations: Map<string, OperationPlan>;
}

const models = new WeakMap<MockTarget, SandboxModel>();

export function modelOf(target: MockTarget): SandboxModel {
  let model = models.get(target);
  if (!model) {
    const operations = new Map(target.plan.operations.map((op) => [bindingKey(op.method, op.path), op]));
    model = { resources: inferResources(target.plan), operations };
    models.set(target, model);
  }
  return model;
}
