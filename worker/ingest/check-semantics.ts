import type { ProblemDetailEntry } from '../http/problem';
import type { Plan } from '../mock/plan';
import type { LocatedOperation } from './normalize';

/**
 * What the official schema cannot express but a mock depends on: every `{param}` in a path is
 * declared (and vice versa), operationIds are unique, and every security requirement names a
 * defined scheme. Each finding is returned for the caller to report; where the mock can carry on,
 * the plan is repaired (an undeclared path parameter becomes a required string parameter, a declared
 * one the path does not hold is dropped, an undefined security scheme is dropped) so that the mock behaves as the author evidently meant.
 */
export function checkSemantics(located: LocatedOperation[], plan: Plan): ProblemDetailEntry[] {
  const errors: ProblemDetailEntry[] = [];
  const seenIds = new Map<string, string>();
  for (const { plan: op, at, operationId } of located) {
    if (operationId !== undefined) {
      const first = seenIds.get(operationId);
      if (first !== undefined)
        errors.push({
          pointer: `${at}/operationId`,
          message: `operationId "${operationId}" is also used at ${first}`,
        });
      else seenIds.set(operationId, `${at}/operationId`);
    }
    const templated = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    const declared = op.parameters.filter((p) => p.in === 'path').map((p) => p.name);
    for (const name of templated) {
      if (declared.includes(name)) continue;
      errors.push({
        pointer: `${at}/parameters`,
        message: `path parameter "${name}" of ${op.path} is not declared; treated as a string`,
      });
      op.parameters.push({
        name,
        in: 'path',
        required: true,
        schema: { type: 'string' },
        style: 'simple',
        explode: false,
      });
    }
    // No request can send it, so a required check would refuse every call (xero's AttachmentID
    // under …/Attachments/{FileName}, superset's pk under /chart/export/): it is dropped.
    for (const name of declared) {
      if (templated.includes(name)) continue;
      errors.push({
        pointer: `${at}/parameters`,
        message: `path parameter "${name}" is declared but ${op.path} has no {${name}}; ignored`,
      });
      op.parameters = op.parameters.filter((p) => p.in !== 'path' || p.name !== name);
    }
    for (const requirement of op.security) {
      for (const scheme of requirement) {
        if (!(scheme in plan.securitySchemes))
          errors.push({
            pointer: `${at}/security`,
            message: `security scheme "${scheme}" is not defined; not enforced`,
          });
      }
    }
    op.security = op.security.map((requirement) =>
      requirement.filter((scheme) => scheme in plan.securitySchemes),
    );
  }
  return errors;
}
