import type { OperationPlan, ParameterPlan, Plan } from '../mock/plan';
import { escapeToken } from '../ingest/json-pointer';

/**
 * JSON pointers into the uploaded documents, rebuilt from the plan: the operation's path and method,
 * the parameter's place (ingest records it), and each dialect's spelling of bodies and responses
 * (OpenAPI 3: `requestBody/content/<type>/schema`; Swagger 2.0: the body parameter's `schema`, the
 * response's `schema`). Below a schema the pointer follows the schema as if its `$ref`s were inlined.
 * Plans published before ingest recorded parameter places point at the operation's `parameters`.
 */

export function join(base: string, tokens: readonly string[]): string {
  return tokens.length === 0 ? base : `${base}/${tokens.map(escapeToken).join('/')}`;
}

export function pathPointer(op: OperationPlan): string {
  return `/paths/${escapeToken(op.path)}`;
}

export function operationPointer(op: OperationPlan): string {
  return `${pathPointer(op)}/${op.method}`;
}

export function parameterPointer(op: OperationPlan, param: ParameterPlan): string {
  return param.at ?? `${operationPointer(op)}/parameters`;
}

/** Where a parameter's schema keywords are: Swagger 2.0 writes them on the parameter itself. */
export function parameterSchemaPointer(plan: Plan, op: OperationPlan, param: ParameterPlan): string {
  const at = parameterPointer(op, param);
  if (plan.dialect === 'swagger-2.0') return at;
  return param.contentType ? `${at}/content/${escapeToken(param.contentType)}/schema` : `${at}/schema`;
}

export function requestBodyPointer(plan: Plan, op: OperationPlan): string {
  if (plan.dialect !== 'swagger-2.0') return `${operationPointer(op)}/requestBody`;
  return op.requestBody?.at ?? `${operationPointer(op)}/parameters`;
}

/** A request media type: OpenAPI 3 lists it under `content`; Swagger 2.0 in `consumes`, for the body. */
export function requestMediaPointer(plan: Plan, op: OperationPlan, media: string): string {
  if (plan.dialect === 'swagger-2.0') return requestBodyPointer(plan, op);
  return `${operationPointer(op)}/requestBody/content/${escapeToken(media)}`;
}

/**
 * A place in a request body's schema. Swagger 2.0 form bodies are one schema built from `in:
 * formData` parameters: `properties/<name>/…` is that parameter's own place.
 */
export function requestSchemaPointer(
  plan: Plan,
  op: OperationPlan,
  media: string,
  tokens: readonly string[],
): string {
  if (plan.dialect !== 'swagger-2.0')
    return join(`${operationPointer(op)}/requestBody/content/${escapeToken(media)}/schema`, tokens);
  const field = tokens[0] === 'properties' ? op.requestBody?.fieldAt?.[tokens[1]] : undefined;
  if (field !== undefined) return join(field, tokens.slice(2));
  const body = op.requestBody?.at;
  return body ? join(`${body}/schema`, tokens) : requestBodyPointer(plan, op);
}

/** The plan upper-cases `default`; the document spells it in lower case. */
function statusToken(status: string): string {
  return status === 'DEFAULT' ? 'default' : status;
}

export function responsePointer(op: OperationPlan, status: string): string {
  return `${operationPointer(op)}/responses/${escapeToken(statusToken(status))}`;
}

/** A response media type: OpenAPI 3 lists it under `content`; Swagger 2.0 in `produces`, for the response. */
export function responseMediaPointer(plan: Plan, op: OperationPlan, status: string, media: string): string {
  const response = responsePointer(op, status);
  return plan.dialect === 'swagger-2.0' ? response : `${response}/content/${escapeToken(media)}`;
}

export function responseSchemaPointer(
  plan: Plan,
  op: OperationPlan,
  status: string,
  media: string,
  tokens: readonly string[],
): string {
  const response = responsePointer(op, status);
  if (plan.dialect === 'swagger-2.0') return join(`${response}/schema`, tokens);
  return join(`${response}/content/${escapeToken(media)}/schema`, tokens);
}

export function headerPointer(op: OperationPlan, status: string, name: string): string {
  return `${responsePointer(op, status)}/headers/${escapeToken(name)}`;
}

export function headerSchemaPointer(
  plan: Plan,
  op: OperationPlan,
  status: string,
  name: string,
  tokens: readonly string[],
): string {
  const at = headerPointer(op, status, name);
  return join(plan.dialect === 'swagger-2.0' ? at : `${at}/schema`, tokens);
}
