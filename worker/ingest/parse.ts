import { parseDocument } from 'yaml';
import { fail } from '../http/problem';

/** Caps that keep a hostile upload from exhausting an isolate. */
const PARSE_LIMITS = {
  /** YAML aliases expanded per document: a "billion laughs" bomb needs thousands. */
  maxAliasCount: 1000,
} as const;

/**
 * Spec text → plain JSON value. JSON is tried first when the text looks like JSON so that its
 * errors point at the right place; everything else goes through the YAML 1.2 core schema, which
 * keeps dates as strings and so yields exactly what a JSON document would.
 */
export function parseSpecText(raw: string): unknown {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (text.trim() === '') fail('invalid-spec-syntax', 'The document is empty.');
  return /^\s*[{[]/.test(text) ? parseJson(text) : parseYaml(text);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof RangeError) tooDeep();
    const message = error instanceof Error ? error.message : String(error);
    const { line, column } = locateJsonError(text, message);
    return fail('invalid-spec-syntax', `Invalid JSON at line ${line}, column ${column}: ${message}`, {
      errors: [{ message, line, column }],
    });
  }
}

function parseYaml(text: string): unknown {
  let doc;
  try {
    doc = parseDocument(text, { uniqueKeys: false, prettyErrors: true, strict: false, version: '1.2' });
  } catch (error) {
    if (error instanceof RangeError) tooDeep();
    throw error;
  }
  if (doc.errors.length > 0) {
    const errors = doc.errors.slice(0, 10).map((e) => {
      const at = { line: e.linePos?.[0]?.line ?? 1, column: e.linePos?.[0]?.col ?? 1 };
      return { message: yamlMessage(e.message), ...(blamedIndent(text, e.code, at.line) ?? at) };
    });
    const { line, column, message } = errors[0];
    fail('invalid-spec-syntax', `Invalid YAML at line ${line}, column ${column}: ${message}`, { errors });
  }
  try {
    return doc.toJS({ maxAliasCount: PARSE_LIMITS.maxAliasCount });
  } catch (error) {
    if (error instanceof RangeError) tooDeep();
    const message = error instanceof Error ? error.message : String(error);
    if (/alias/i.test(message)) {
      fail(
        'spec-too-complex',
        `YAML aliases expand too far (more than ${PARSE_LIMITS.maxAliasCount} alias references): ${message}`,
      );
    }
    return fail('invalid-spec-syntax', `Invalid YAML: ${message}`);
  }
}

/**
 * A line indented deeper than the `key: value` above it continues that value as a multi-line
 * implicit key, and the yaml library reports the line above; the mistake is the indent below.
 */
function blamedIndent(
  text: string,
  code: string,
  line: number,
): { line: number; column: number } | undefined {
  if (code !== 'MULTILINE_IMPLICIT_KEY' && code !== 'BLOCK_AS_IMPLICIT_KEY') return undefined;
  const lines = text.split('\n', line + 50);
  const indent = (l: string) => l.length - l.trimStart().length;
  const above = lines[line - 1];
  if (above === undefined || !/:\s+\S/.test(above)) return undefined;
  for (let n = line; n < lines.length; n++) {
    const next = lines[n];
    if (next.trim() === '' || next.trimStart().startsWith('#')) continue;
    return indent(next) > indent(above) ? { line: n + 1, column: indent(next) + 1 } : undefined;
  }
  return undefined;
}

/** The yaml library's pretty errors repeat the position and quote the source; keep the sentence. */
function yamlMessage(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function tooDeep(): never {
  fail('spec-too-complex', 'The document is nested too deeply to parse.');
}

/** V8 reports either "(line L column C)" or "at position N"; map both to a line and column. */
function locateJsonError(text: string, message: string): { line: number; column: number } {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /position (\d+)/.exec(message);
  const offset = pos ? Number(pos[1]) : text.length;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
