import type { JsonValue } from '../mock/plan';
import { unescapeToken } from '../ingest/json-pointer';

/**
 * OpenAPI runtime expressions (3.0 §4.7.20.4, "Runtime Expressions"), as callback URLs use them: a
 * key is a bare expression (`$request.body#/url`) or a template with `{expression}` parts between
 * literal ones (`https://x.test/hook?id={$response.body#/id}`). Written sloppily in the wild, so two
 * common misspellings are read as meant: `$request.body.a.b` for `$request.body#/a/b`, and
 * `$request.header.x` in any case (header names are case-insensitive). A `{name}` that is no
 * expression at all (up.com.au's `{webhookURL}`) names the URL the request carries: a request member
 * or query parameter of that name, else the request body's first http(s) URL.
 */
type Source = 'header' | 'query' | 'path' | 'body';

type Expression =
  | { kind: 'url' | 'method' | 'statusCode' }
  | { kind: 'named'; name: string }
  | { kind: 'request' | 'response'; source: Source; name: string; pointer: string[] };

export type Template = (string | Expression)[];

/** What an expression is evaluated on: the call that fired the callback and its answer. */
export interface ExpressionInput {
  url: string;
  method: string;
  statusCode: number;
  request: Message & { query: [string, string][]; path: Record<string, string> };
  response: Message;
}

interface Message {
  /** Lower-cased names. */
  headers: Record<string, string>;
  body: JsonValue | undefined;
}

const MAX_TEMPLATE = 2048;

function parseExpression(text: string): Expression | undefined {
  const t = text.trim();
  if (t === '$url' || t === '$method' || t === '$statusCode') return { kind: t.slice(1) as 'url' };
  const m = /^\$(request|response)\.(header|query|path|body)(?:([.#])(.*))?$/.exec(t);
  if (!m) return undefined;
  const [, kind, source, sep, rest = ''] = m as unknown as [
    string,
    'request',
    Source,
    string | undefined,
    string,
  ];
  if (source !== 'body') {
    if (sep !== '.' || rest === '') return undefined;
    return { kind, source, name: source === 'header' ? rest.toLowerCase() : rest, pointer: [] };
  }
  if (sep === undefined) return { kind, source, name: '', pointer: [] };
  if (sep === '#') {
    if (rest !== '' && !rest.startsWith('/')) return undefined;
    return {
      kind,
      source,
      name: '',
      pointer: rest === '' ? [] : rest.slice(1).split('/').map(unescapeToken),
    };
  }
  return rest === '' ? undefined : { kind, source, name: '', pointer: rest.split('.') };
}

/** A bare identifier between braces: what the request names by it (see the top). */
function named(text: string): Expression | undefined {
  const t = text.trim();
  return /^[A-Za-z_][A-Za-z0-9_.-]{0,100}$/.test(t) ? { kind: 'named', name: t } : undefined;
}

/** A callback key as literal parts and expressions; undefined when an expression is malformed. */
export function parseTemplate(key: string): Template | undefined {
  if (key.length > MAX_TEMPLATE) return undefined;
  if (key.trim().startsWith('$')) {
    const whole = parseExpression(key);
    return whole ? [whole] : undefined;
  }
  const parts: Template = [];
  let at = 0;
  for (const m of key.matchAll(/\{([^{}]*)\}/g)) {
    if (m.index > at) parts.push(key.slice(at, m.index));
    const expression = parseExpression(m[1]) ?? named(m[1]);
    if (!expression) return undefined;
    parts.push(expression);
    at = m.index + m[0].length;
  }
  if (at < key.length) parts.push(key.slice(at));
  return parts;
}

/** The `{name}` parts a template guesses at (no runtime expression), for the publish warning. */
export function guessedNames(template: Template): string[] {
  return template.flatMap((p) => (typeof p !== 'string' && p.kind === 'named' ? [p.name] : []));
}

/** The template's value on `input`, or why it has none (a member the call did not carry). */
export function evaluate(
  template: Template,
  input: ExpressionInput,
): { ok: true; value: string } | { ok: false; missing: string } {
  let value = '';
  for (const part of template) {
    if (typeof part === 'string') {
      value += part;
      continue;
    }
    const v = valueOf(part, input);
    if (v === undefined) return { ok: false, missing: describe(part) };
    value += v;
  }
  return { ok: true, value };
}

function valueOf(e: Expression, input: ExpressionInput): string | undefined {
  if (e.kind === 'named') return namedValue(e.name, input);
  if (!('source' in e))
    return e.kind === 'url'
      ? input.url
      : e.kind === 'method'
        ? input.method.toUpperCase()
        : String(input.statusCode);
  const message = e.kind === 'request' ? input.request : input.response;
  if (e.source === 'header') return message.headers[e.name];
  if (e.source === 'query')
    return e.kind === 'request' ? input.request.query.find(([k]) => k === e.name)?.[1] : undefined;
  if (e.source === 'path') return e.kind === 'request' ? input.request.path[e.name] : undefined;
  let node: JsonValue | undefined = message.body;
  for (const token of e.pointer) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Array.isArray(node) ? node[Number(token)] : Object.hasOwn(node, token) ? node[token] : undefined;
  }
  if (node === undefined || node === null) return undefined;
  return typeof node === 'object' ? JSON.stringify(node) : String(node);
}

const MAX_WALK = 500;

/** The request's member or query parameter called `name` (any case), else its first http(s) URL. */
function namedValue(name: string, input: ExpressionInput): string | undefined {
  const want = name.toLowerCase();
  const query = input.request.query.find(([k]) => k.toLowerCase() === want)?.[1];
  if (query !== undefined) return query;
  let byName: string | undefined;
  let firstUrl: string | undefined;
  const queue: JsonValue[] = input.request.body === undefined ? [] : [input.request.body];
  for (let seen = 0; queue.length > 0 && seen < MAX_WALK && byName === undefined; seen++) {
    const node = queue.shift()!;
    if (node === null || typeof node !== 'object') continue;
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string') {
        if (key.toLowerCase() === want) byName = value;
        else if (firstUrl === undefined && /^https?:\/\//i.test(value)) firstUrl = value;
      } else if (value !== null && typeof value === 'object') queue.push(value);
    }
  }
  return byName ?? firstUrl;
}

function describe(e: Expression): string {
  if (e.kind === 'named') return `a URL named ${e.name} in the request`;
  if (!('source' in e)) return `$${e.kind}`;
  if (e.source !== 'body') return `$${e.kind}.${e.source}.${e.name}`;
  return `$${e.kind}.body${e.pointer.length > 0 ? `#/${e.pointer.join('/')}` : ''}`;
}
