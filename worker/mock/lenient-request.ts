import { format } from '@cfworker/json-schema';
import { checkStringFormat } from './generate/formats';
import { patternLengths } from './generate/pattern-source';
import { compilePattern } from './generate/patterns';
import type { Schema, SchemaObject } from './plan';
import { declaredMember, derefShallow, isObj } from './schema-refs';
import { REQUIRED_ON_CONDITION } from './generate/context';

/**
 * What a request is judged by beyond the strict reading of its schema (validate-schema.ts applies
 * the schema readings in the request direction; the format reading holds for every value it
 * judges): clients send what a spec's author evidently meant, and a mock that refuses it fails them
 * where the real API would not.
 */

// A time offset without its colon (`+0000`, Jira's SDKs) is one ajv-formats and the generator's
// check accept and @cfworker does not: what either accepts passes.
for (const name of ['date-time', 'time'] as const) {
  const strict = format[name];
  format[name] = (value: string) => strict(value) || checkStringFormat(name, value);
}

/**
 * An enum that lists members its declared type excludes: zoom's `{type: string, enum: [1, 2]}` (no
 * value is both), shutterstock's `{type: string, enum: [43, 169, nonstandard]}`. Clients send the
 * members, so in a request the enum alone judges.
 */
export function enumBeyondType(s: SchemaObject): boolean {
  if (!Array.isArray(s.enum) || s.enum.length === 0 || s.type === undefined) return false;
  // An array's enum of its items' values is read otherwise: the array stays one (enumOfItems).
  if (enumOfItems(s)) return false;
  const types = new Set(Array.isArray(s.type) ? s.type : [s.type]);
  return s.enum.some((v) => {
    const t = v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
    if (t === 'number') return !types.has('number') && !(types.has('integer') && Number.isInteger(v));
    return !types.has(t);
  });
}

/**
 * An array whose own `enum` lists its items' values: visagecloud's `purposes` is `{type: array,
 * items: {enum: [FEATURES, …]}, enum: [FEATURES, …]}`. No array equals a string, so no request
 * passes; the items' schema says what the author meant, and the array's enum gives way.
 */
export function enumOfItems(s: SchemaObject): boolean {
  const types = Array.isArray(s.type) ? s.type : [s.type];
  if (!types.includes('array') || types.length !== 1 || !Array.isArray(s.enum) || s.enum.length === 0)
    return false;
  return s.enum.every((m) => !Array.isArray(m));
}

/**
 * An enum whose members break the schema's `format`: sendgrid's `send_at` is `{format: date-time,
 * enum: ["now"]}`, "an ISO 8601 time … or the string now". Read strictly, nothing passes; in a
 * request either the enum or the format judges a value.
 */
export function enumOrFormat(out: SchemaObject): void {
  const { enum: members, format } = out;
  if (!Array.isArray(members) || typeof format !== 'string' || out.anyOf !== undefined) return;
  if (!members.some((m) => typeof m === 'string' && !checkStringFormat(format, m))) return;
  delete out.enum;
  delete out.format;
  out.anyOf = [{ enum: members }, { format }];
}

/**
 * A pattern written as a JavaScript regex literal: peertube's `/^[a-z0-9._]+$/`, 140 of data2crm's
 * date patterns. As written, a `^` after a `/` matches nothing, so no request could pass. In a
 * request it is read as the regex between the slashes; with a flag a pattern cannot say (`i`,
 * sinao's), it does not judge. Responses keep the letter: the generator leaves out what no value
 * satisfies. Undefined: not such a pattern.
 */
function meantPattern(pattern: string): string | null | undefined {
  const literal = /^\/(\^.*\$)\/([a-z]*)$/s.exec(pattern);
  if (!literal) return undefined;
  return /^[gu]*$/.test(literal[2]) ? literal[1] : null;
}

const judged = new Map<string, string | null>();

/** What a request pattern is read with besides itself: the schema's lengths, its example, its flag. */
export interface PatternContext {
  minLength?: number;
  maxLength?: number;
  /** The schema's own example, when it is a string: evidence of what the pattern meant. */
  example?: unknown;
  /** Flagged `x-specmock-unsafe-pattern` at publish: never run, not even on the example. */
  unsafe?: boolean;
}

/** A schema's own context for its pattern (`requestPattern`). */
export function patternContext(s: SchemaObject): PatternContext {
  return {
    minLength: s.minLength as number | undefined,
    maxLength: s.maxLength as number | undefined,
    example: s.example,
    unsafe: s['x-specmock-unsafe-pattern'] === true,
  };
}

/**
 * The pattern a request is judged by: a regex literal read as meant (`meantPattern`, none with a
 * flag), a backslash escaped once too often read as meant (`meantEscapes`), and none where it
 * cannot meet the schema's own lengths: peertube's `client_id` is `/^[a-z0-9]$/` (one character)
 * with `minLength: 32`, so every client's id was refused. Validation, generated requests and the
 * generator's checks all read a request's patterns through this.
 */
export function requestPattern(pattern: string, at: PatternContext = {}): string | null {
  const { minLength, maxLength, unsafe } = at;
  const example = typeof at.example === 'string' && !unsafe ? at.example : undefined;
  const key = `${pattern}\u0000${minLength}\u0000${maxLength}\u0000${example ?? '\u0001'}`;
  let out = judged.get(key);
  if (out === undefined) {
    const meant = meantPattern(pattern);
    let source = meant === undefined ? pattern : meant;
    if (source !== null && example !== undefined) source = meantEscapes(source, example);
    const range = source === null ? undefined : patternLengths(source);
    const apart =
      range !== undefined &&
      ((minLength !== undefined && range.max < minLength) ||
        (maxLength !== undefined && range.min > maxLength));
    out = apart ? null : source;
    if (judged.size >= 2000) judged.clear();
    judged.set(key, out);
  }
  return out;
}

/**
 * Amadeus's Contact.email pattern is `^[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\\\\.[a-zA-Z0-9-.]+$` in its
 * JSON: the backslash before the dot escaped twice, so the regex asks for a backslash in every
 * address, and the schema's own example, `bob.smith@email.com`, fails it: every booking was refused.
 * Where the example fails the pattern as written and passes it with each doubled backslash read
 * once, the author meant the latter.
 */
function meantEscapes(source: string, example: string): string {
  if (!source.includes('\\\\')) return source;
  const written = compilePattern(source);
  if (written === null || written.test(example)) return source;
  const once = source.replace(/\\\\/g, '\\');
  return compilePattern(once)?.test(example) ? once : source;
}

const COMPOSITIONS = ['allOf', 'anyOf', 'oneOf'] as const;

/**
 * A closed object that requires a name it does not declare (Jira's ScreenTypes requires
 * `defaultScreen` and declares `default`; e-conomic's Employee requires `canApprove`): no request
 * can both hold and leave out that name, so the requirement gives way. With patternProperties the
 * schema may declare it by pattern: the list stands. Called where `additionalProperties` is false.
 */
function requirableNames(s: SchemaObject): string[] {
  const required = (s.required ?? []) as string[];
  if (s.patternProperties !== undefined) return required;
  const declared = isObj(s.properties as Schema) ? (s.properties as Record<string, Schema>) : {};
  return required.filter((name) => Object.hasOwn(declared, name));
}

/**
 * Names an object requires that its oneOf branches each hold apart: ShipEngine's rates request
 * requires `shipment_id` and `shipment`, and its oneOf is "by shipment id" (declaring the one) or
 * "by shipment" (the other). Read strictly no request passes: one holding both names matches both
 * branches, one holding either lacks the other. When two or more branches each declare or require
 * such a name that a sibling does not, the branches say which names go together: in a request
 * those names (`apart`) are required one at least, each judged by its branches.
 */
function branchRequiredNames(
  s: SchemaObject,
  required: string[],
  defs: Record<string, Schema>,
): { required: string[]; apart?: string[] } {
  if (!Array.isArray(s.oneOf) || s.oneOf.length < 2 || required.length === 0) return { required };
  const byBranch = s.oneOf.map((branch) => {
    const b = derefShallow(branch as Schema, defs);
    if (!isObj(b)) return new Set<string>();
    return new Set([
      ...(Array.isArray(b.required) ? (b.required as string[]) : []),
      ...(isObj(b.properties as Schema) ? Object.keys(b.properties as object) : []),
    ]);
  });
  const apart = required.filter(
    (name) => byBranch.some((r) => r.has(name)) && byBranch.some((r) => !r.has(name)),
  );
  const telling = byBranch.filter((r) => apart.some((name) => r.has(name))).length;
  if (telling < 2) return { required };
  return { required: required.filter((name) => !apart.includes(name)), apart };
}

/**
 * A required name whose own description makes it conditional (marked at ingest,
 * REQUIRED_ON_CONDITION): Postmark's template email requires `TemplateId` and `TemplateAlias`, each
 * "Required if" the other "is not specified", so a body holding either was refused. A mock cannot
 * weigh the condition, and a client that meets it leaves the name out: in a request such a name is
 * optional, and judged when sent.
 */
function requiredOnCondition(s: SchemaObject, name: string): boolean {
  const conditional = s[REQUIRED_ON_CONDITION];
  return Array.isArray(conditional) && conditional.includes(name);
}

/**
 * The member a base schema's `discriminator` names, which it also requires: Bitbucket's every
 * resource is `allOf: [object, …]`, `object` requiring `type` to tell the subtypes apart. A body
 * sent where the operation names its subtype (`POST …/pipelines` takes a `pipeline`) is that
 * subtype already, and the `bitbucket` SDK, like Bitbucket itself, leaves `type` out; in a request
 * the name is optional, and judged when sent.
 */
function discriminatorName(s: SchemaObject, name: string): boolean {
  const { discriminator } = s;
  // Swagger 2.0 names the property itself; OpenAPI 3 in an object.
  if (typeof discriminator === 'string') return discriminator === name;
  return isObj(discriminator as Schema) && (discriminator as SchemaObject).propertyName === name;
}

/**
 * A required member that declares its own `default`: what the server assumes when the client
 * sends none (OpenAPI's reading of `default`), so a request may leave it out. Microsoft Graph's
 * every entity requires `@odata.type` with the entity's own type as its default, and its SDK (like
 * Graph itself) leaves it out of `POST /users`.
 */
function defaulted(s: SchemaObject, name: string, defs: Record<string, Schema>): boolean {
  const member = declaredMember(s, name, defs);
  const m = member === undefined ? undefined : derefShallow(member, defs);
  return isObj(m) && m.default !== undefined;
}

/**
 * The names a request must hold, as its author meant them (`out.required` has them as written, the
 * hidden ones left out): a closed object's undeclared names give way (`requirableNames`), and
 * names its oneOf branches hold apart are required one at least (`branchRequiredNames`).
 */
export function requestRequired(out: SchemaObject, s: SchemaObject, defs: Record<string, Schema>): void {
  if (out.additionalProperties === false) out.required = requirableNames(out);
  out.required = (out.required as string[]).filter(
    (name) => !requiredOnCondition(s, name) && !discriminatorName(s, name) && !defaulted(s, name, defs),
  );
  const { required, apart } = branchRequiredNames(s, out.required as string[], defs);
  if (!apart) return;
  out.required = required;
  const oneAtLeast = { anyOf: apart.map((name) => ({ required: [name] })) };
  out.allOf = Array.isArray(out.allOf) ? [...out.allOf, oneAtLeast] : [oneAtLeast];
}

/**
 * A request body's schema that requires names it does not declare: Postmark's EditTemplateRequest
 * requires `TemplateId` (which travels in the path), airbyte's DestinationDefinitionUpdate a typo,
 * `dockerImageag`. A client generated from the description has no member to send such a name in,
 * so every body it sends was refused. Read at the body's root only, where the schema is the whole
 * of what the body may hold: a schema composed into another (an allOf member, a oneOf branch) may
 * require a name its siblings declare, and there the requirement stands. The root as validation
 * reads it: the same object when nothing gives way (the validator is cached by that object).
 */
export function requestBodyRoot(schema: Schema, defs: Record<string, Schema>): Schema {
  const s = derefShallow(schema, defs);
  if (!isObj(s) || !Array.isArray(s.required) || !isObj(s.properties as Schema)) return schema;
  let root = standaloneRoots.get(s);
  if (root === undefined) {
    const declared = s.properties as Record<string, Schema>;
    const open = !isObj(s.additionalProperties as Schema) && s.patternProperties === undefined;
    const alone =
      !COMPOSITIONS.some((key) => s[key] !== undefined) && s.not === undefined && s.if === undefined;
    const required = (s.required as string[]).filter((name) => Object.hasOwn(declared, name));
    root =
      open && alone && Object.keys(declared).length > 0 && required.length < s.required.length
        ? { ...s, required }
        : schema;
    standaloneRoots.set(s, root);
  }
  return root;
}

const standaloneRoots = new WeakMap<object, Schema>();

/**
 * ShipEngine's `shipping_address` is `allOf: [address, partial_shipping_address]`, each with
 * `additionalProperties: false`: read strictly, each member forbids the other's names, so no
 * address passes (`address_line1` "False boolean schema"). Azure's AssemblyProperties declares
 * `assemblyName` beside `allOf: [ArtifactContentPropertiesDefinition]`, a closed base that is itself
 * a closed base's extension: read strictly, the base forbids every name its extension adds, so no
 * assembly could be sent. In a request the members of such an allOf are judged open, and the whole
 * is closed over every name they declare (validate-schema.ts), unless it was itself opened as a
 * member (`wasOpened`): its own closure went to the schema that opened it. Azure's Graph RBAC
 * UserCreateParameters extends UserBase, whose `additionalProperties: {type: object}` (extension
 * attributes) would judge the extension's own `accountEnabled: boolean` as an object: no user could
 * be created. A base with such a schema keeps it for other names, and gives way to the names the
 * schema and its sibling members declare. Undefined: no member gives way, the list stands.
 */
export function openMembers(
  list: readonly unknown[],
  defs: Record<string, Schema>,
  own: SchemaObject,
): { members: Schema[]; closed: boolean } | undefined {
  const targets = list.map((member) => derefShallow(member as Schema, defs));
  const names = new Set(isObj(own.properties as Schema) ? Object.keys(own.properties as object) : []);
  for (const t of targets)
    if (isObj(t) && isObj(t.properties as Schema)) for (const n in t.properties as object) names.add(n);
  let opened = false;
  let closed = false;
  const members = list.map((member, i) => {
    const target = targets[i];
    if (!isObj(target)) return member as Schema;
    if (target.additionalProperties === false) {
      opened = closed = true;
      const { additionalProperties: _closed, ...open } = target;
      return Object.assign(open, { [OPENED]: true }) as Schema;
    }
    if (!isObj(target.additionalProperties as Schema)) return member as Schema;
    const declared = (isObj(target.properties as Schema) ? target.properties : {}) as Record<string, Schema>;
    const others = [...names].filter((n) => !Object.hasOwn(declared, n));
    if (others.length === 0) return member as Schema;
    opened = true;
    const properties = { ...declared, ...Object.fromEntries(others.map((n) => [n, true])) };
    return Object.assign({ ...target, properties }, { [OPENED]: true }) as Schema;
  });
  return opened ? { members, closed } : undefined;
}

/** Marks a member `openMembers` opened (a symbol: no schema keyword, never copied by a walk). */
const OPENED = Symbol('opened allOf member');

export function wasOpened(s: SchemaObject): boolean {
  return (s as { [OPENED]?: true })[OPENED] === true;
}

/**
 * An allOf whose members may be opened: several members (each may forbid the others' names), or
 * one beside properties of the schema's own (a base the schema extends).
 */
export function opensMembers(s: SchemaObject, list: readonly unknown[]): boolean {
  return list.length > 1 || (isObj(s.properties as Schema) && Object.keys(s.properties as object).length > 0);
}

/**
 * `additionalProperties: false` beside an allOf (or a oneOf) that holds the properties (ShipEngine):
 * read strictly, every name is additional and no request passes. The names the composed schemas
 * declare are those the author meant to allow, each judged by the schemas that declare it (`judge`
 * prepares one for validation): a branch read as anyOf, or one that is open, would otherwise let
 * any value of a name its sibling declares through.
 */
export function admitComposedNames(
  out: SchemaObject,
  s: SchemaObject,
  defs: Record<string, Schema>,
  judge: (declared: Schema) => Schema,
): void {
  const names = new Map<string, Schema[]>();
  collectComposedNames(s, defs, names, 0);
  if (names.size === 0) return;
  const own = (out.properties ??= {}) as Record<string, Schema>;
  for (const [name, declared] of names)
    if (!Object.hasOwn(own, name))
      own[name] = declared.length === 1 ? judge(declared[0]) : { anyOf: declared.map(judge) };
}

function collectComposedNames(
  s: SchemaObject,
  defs: Record<string, Schema>,
  names: Map<string, Schema[]>,
  depth: number,
): void {
  if (depth > 8) return;
  for (const key of COMPOSITIONS) {
    const list = s[key];
    if (!Array.isArray(list)) continue;
    for (const branch of list) {
      const b = derefShallow(branch as Schema, defs);
      if (!isObj(b)) continue;
      if (isObj(b.properties))
        for (const [name, declared] of Object.entries(b.properties as Record<string, Schema>)) {
          const seen = names.get(name);
          if (!seen) names.set(name, [declared]);
          else if (!seen.includes(declared)) seen.push(declared);
        }
      collectComposedNames(b, defs, names, depth + 1);
    }
  }
}
