/**
 * The normalized, JSON-serializable plan that ingest produces once per upload and the mock path
 * reads on every call. Swagger 2.0, OpenAPI 3.0 and 3.1 all become this one shape, so nothing on
 * the mock path knows which dialect the upload was written in.
 *
 * Schemas are JSON Schema 2020-12 (OpenAPI 3.0 `nullable`, boolean `exclusiveMinimum`, Swagger
 * `x-nullable`/`type: file` are rewritten at ingest). Named schemas live in `defs` and are referenced
 * as `{ "$ref": "#/$defs/<name>" }`, so `{ ...schema, $defs: plan.defs }` is a self-contained schema
 * any validator understands. Circular schemas therefore stay circular by reference, never by
 * object identity, and the plan survives JSON.stringify.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A JSON Schema 2020-12 schema; `unknown` fields because uploads are untrusted input. */
export type Schema = boolean | SchemaObject;

/** Which way a body travels: readOnly properties stay out of requests, writeOnly out of responses. */
export type Direction = 'response' | 'request';

export interface SchemaObject {
  $ref?: string;
  type?: string | string[];
  enum?: JsonValue[];
  const?: JsonValue;
  default?: JsonValue;
  /** OpenAPI-style single example, kept as an annotation (also `examples` array, 2020-12). */
  example?: JsonValue;
  examples?: JsonValue[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  items?: Schema;
  prefixItems?: Schema[];
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  contains?: Schema;
  properties?: Record<string, Schema>;
  patternProperties?: Record<string, Schema>;
  additionalProperties?: Schema;
  required?: string[];
  minProperties?: number;
  maxProperties?: number;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  not?: Schema;
  if?: Schema;
  then?: Schema;
  else?: Schema;
  discriminator?: { propertyName: string; mapping?: Record<string, string> };
  readOnly?: boolean;
  writeOnly?: boolean;
  deprecated?: boolean;
  title?: string;
  description?: string;
  /** Prism-compatible faker override: "internet.email" or { "string.alpha": [5] }. */
  'x-faker'?: unknown;
  /** Set at ingest on `pattern`s that safe-regex2 flags: never run them against input. */
  'x-specmock-unsafe-pattern'?: boolean;
  /** `multipleOf: 0` (or below) in the document: no number satisfies it under the strict reading. */
  'x-specmock-zero-multiple'?: boolean;
  [key: string]: unknown;
}

type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

export interface ParameterPlan {
  name: string;
  in: ParameterLocation;
  required: boolean;
  schema: Schema;
  /** OpenAPI 3 style; Swagger 2.0 collectionFormat is mapped onto it at ingest. */
  style: 'simple' | 'form' | 'matrix' | 'label' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject' | 'tsv';
  explode: boolean;
  /** Set when the parameter is described by `content` (a serialized media type) instead of style. */
  contentType?: string;
  deprecated?: boolean;
  allowEmptyValue?: boolean;
  /**
   * A path value sent as it is, not percent-encoded (Azure's `x-ms-skip-url-encoding`): it may
   * span segments (`{parentResourcePath}` = `virtualNetworks/v1`, `{resourceId}` = `/subscriptions/…`)
   * or be empty.
   */
  raw?: true;
  /** JSON pointer of the Parameter Object in the upload (diff reports point there). */
  at?: string;
}

export interface NamedExample {
  name: string;
  value: JsonValue;
}

export interface MediaPlan {
  /** Absent when the spec gives no schema: the body is then the example, or empty. */
  schema?: Schema;
  /** Only examples that validated against `schema` at publish time; the first is the default. */
  examples: NamedExample[];
  /** Examples dropped at publish, and why: `Prefer: example=<name>` says so instead of "not found". */
  dropped?: { name: string; reason: string }[];
  /**
   * Set at publish when no value satisfies `schema` under the strict reading (overlapping `oneOf`,
   * `additionalProperties: false` against an `allOf`, required recursion): the body is generated
   * with the author's evident intent instead, and carries `x-specmock-lenient: <reason>`.
   */
  lenient?: string;
  /**
   * Where `lenient` relaxes the strict reading: one entry per schema keyword, its pointer into the
   * original document (through `$ref`s, as the mock met it). Every other keyword still holds, so an
   * independent validator excuses a lenient body's errors at exactly these keywords and no others.
   */
  relaxed?: Relaxed[];
  /**
   * Form bodies: the Encoding Object of each property that has one (`allowReserved` and `style` as
   * written; Swagger 2.0 `collectionFormat` of formData parameters is mapped onto `style`).
   */
  encoding?: Record<string, { allowReserved?: boolean; style?: ParameterPlan['style']; explode?: boolean }>;
}

/** One relaxed keyword of a lenient media, and why no value satisfies the schema without it. */
export interface Relaxed {
  reason: string;
  pointer: string;
}

export interface HeaderPlan {
  schema: Schema;
  required: boolean;
  examples: NamedExample[];
}

export interface ResponsePlan {
  /** "200", "2XX" or "default", as written in the spec (upper-cased ranges). */
  status: string;
  description: string;
  headers: Record<string, HeaderPlan>;
  /** Keyed by media type as written in the spec (e.g. "application/json", "text/*"). */
  content: Record<string, MediaPlan>;
}

export interface RequestBodyPlan {
  required: boolean;
  content: Record<string, MediaPlan>;
  /** Swagger 2.0: JSON pointer of the `in: body` parameter (diff reports point there). */
  at?: string;
  /** Swagger 2.0 form bodies: JSON pointer of each `in: formData` parameter, by name. */
  fieldAt?: Record<string, string>;
}

export interface SecuritySchemePlan {
  type: 'apiKey' | 'http' | 'oauth2' | 'openIdConnect' | 'mutualTLS';
  /** apiKey: where and under which name. */
  in?: 'header' | 'query' | 'cookie';
  name?: string;
  /** http: "basic", "bearer", "digest", … lower-cased. */
  scheme?: string;
}

/** Alternatives (OR) of requirements; each requirement is a set of scheme names (AND). */
export type SecurityPlan = string[][];

export interface OperationPlan {
  /** operationId, or "METHOD /path" when the spec gives none. */
  id: string;
  method: string;
  /** The spec's path template, e.g. "/pets/{petId}". */
  path: string;
  summary?: string;
  description?: string;
  tags: string[];
  deprecated: boolean;
  parameters: ParameterPlan[];
  requestBody?: RequestBodyPlan;
  /** In the spec's order. */
  responses: ResponsePlan[];
  /** Empty array: no security. */
  security: SecurityPlan;
  /** Set when something the operation uses is a dangling `$ref`: it answers `unresolved-ref`. */
  brokenRef?: { ref: string; pointer: string };
}

export interface PlanWarning {
  /** JSON pointer into the uploaded document. */
  pointer: string;
  message: string;
}

export interface Plan {
  planVersion: 1;
  dialect: 'swagger-2.0' | 'openapi-3.0' | 'openapi-3.1';
  title: string;
  /** info.version of the document (not the specmock version name). */
  infoVersion: string;
  defs: Record<string, Schema>;
  securitySchemes: Record<string, SecuritySchemePlan>;
  operations: OperationPlan[];
  /**
   * The path of the first server's URL (`/v3`), when it has one: calls are also accepted behind it,
   * for SDKs whose base URL is the mock's root. Absent in plans published before it existed.
   */
  basePath?: string;
  /** The first server's host name, lower case (`api.twilio.com`). Absent in older plans. */
  host?: string;
  /** The webhooks (3.1) and callbacks (3.0+) the description declares; absent when none. */
  hooks?: HookPlan[];
}

/**
 * A request the mock sends to the user's code: a 3.1 webhook (sent on demand or by a subscription)
 * or an operation's callback (sent after that operation's 2xx, to the URL its expression names).
 */
export interface HookPlan {
  /** A webhook's key (`newPet`); a callback's `{operation id}.{callback name}` (`createPet.petAdded`). */
  name: string;
  kind: 'webhook' | 'callback';
  /** A callback's operation: the `OperationPlan.id` whose 2xx fires it. */
  trigger?: string;
  /** A callback's URL, a runtime expression as written (`{$request.body#/callbackUrl}`). */
  expression?: string;
  /** The request to send: its method, header parameters and body. */
  operation: OperationPlan;
}
