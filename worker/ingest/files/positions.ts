import { HTTP_METHODS } from '../normalize-media';
import { SCHEMA_LISTS, SCHEMA_MAPS, SCHEMA_SINGLES } from '../normalize-schema';

/**
 * What kind of OpenAPI object sits at a place, known from the path that leads to it. The bundler
 * needs it to do what `redocly bundle` does: a `$ref` where a component may stand (a schema, a
 * response, a parameter…) becomes a named component, so a schema keeps its identity (its name in
 * a discriminator, its recursion by name); anything else is copied where the ref was.
 */
export type Dialect = 'swagger2' | 'oas3';

/** An element kind, or a map/list of one: `map:schema` is `properties`, `list:parameter` is `parameters`. */
export type Kind = string;

// What the normalizer reads as subschemas, plus what it drops or handles apart but may hold a ref.
const SCHEMA_ONE: readonly string[] = [...SCHEMA_SINGLES, 'items', 'additionalItems', 'contentSchema'];
const SCHEMA_MAP: readonly string[] = [...SCHEMA_MAPS, '$defs', 'definitions'];
const SCHEMA_LIST: readonly string[] = SCHEMA_LISTS;
const METHODS: readonly string[] = HTTP_METHODS;

const FIELDS: Record<Dialect, Record<string, Record<string, Kind>>> = {
  oas3: {
    root: { paths: 'map:pathItem', webhooks: 'map:pathItem', components: 'components' },
    components: {
      schemas: 'map:schema',
      responses: 'map:response',
      parameters: 'map:parameter',
      examples: 'map:example',
      requestBodies: 'map:requestBody',
      headers: 'map:header',
      securitySchemes: 'map:securityScheme',
      links: 'map:link',
      callbacks: 'map:callback',
      pathItems: 'map:pathItem',
    },
    pathItem: { parameters: 'list:parameter' },
    operation: {
      parameters: 'list:parameter',
      requestBody: 'requestBody',
      responses: 'map:response',
      callbacks: 'map:callback',
    },
    parameter: { schema: 'schema', content: 'map:mediaType', examples: 'map:example' },
    header: { schema: 'schema', content: 'map:mediaType', examples: 'map:example' },
    requestBody: { content: 'map:mediaType' },
    mediaType: { schema: 'schema', examples: 'map:example', encoding: 'map:encoding' },
    encoding: { headers: 'map:header' },
    response: { headers: 'map:header', content: 'map:mediaType', links: 'map:link' },
  },
  swagger2: {
    root: {
      paths: 'map:pathItem',
      definitions: 'map:schema',
      parameters: 'map:parameter',
      responses: 'map:response',
    },
    pathItem: { parameters: 'list:parameter' },
    operation: { parameters: 'list:parameter', responses: 'map:response' },
    parameter: { schema: 'schema' },
    response: { schema: 'schema' },
  },
};

/** The kind of the value under `key` of a value of kind `parent`. */
export function childKind(dialect: Dialect, parent: Kind, key: string): Kind {
  if (parent.startsWith('map:') || parent.startsWith('list:')) return parent.slice(parent.indexOf(':') + 1);
  if (parent === 'schema') {
    if (SCHEMA_ONE.includes(key)) return 'schema';
    if (SCHEMA_MAP.includes(key)) return 'map:schema';
    if (SCHEMA_LIST.includes(key)) return 'list:schema';
    return 'other';
  }
  if (parent === 'pathItem' && METHODS.includes(key)) return 'operation';
  if (parent === 'callback') return 'pathItem';
  return FIELDS[dialect][parent]?.[key] ?? 'other';
}

/** Where a component of this kind lives in the bundle (`/components/schemas`), if it is one. */
export function componentHome(dialect: Dialect, kind: Kind): string | undefined {
  if (dialect === 'swagger2') {
    const home = { schema: '/definitions', parameter: '/parameters', response: '/responses' }[kind];
    return home;
  }
  const plural: Record<string, string> = {
    schema: 'schemas',
    response: 'responses',
    parameter: 'parameters',
    example: 'examples',
    requestBody: 'requestBodies',
    header: 'headers',
    securityScheme: 'securitySchemes',
    link: 'links',
    callback: 'callbacks',
  };
  return plural[kind] === undefined ? undefined : `/components/${plural[kind]}`;
}

/** Every component home of a dialect with its element kind, for the entry's own components. */
export function componentHomes(dialect: Dialect): { home: string; kind: Kind }[] {
  const kinds =
    dialect === 'swagger2'
      ? ['schema', 'parameter', 'response']
      : [
          'schema',
          'response',
          'parameter',
          'example',
          'requestBody',
          'header',
          'securityScheme',
          'link',
          'callback',
        ];
  return kinds.map((kind) => ({ home: componentHome(dialect, kind)!, kind }));
}

export function dialectOf(entry: unknown): Dialect {
  return entry !== null && typeof entry === 'object' && 'swagger' in entry ? 'swagger2' : 'oas3';
}
