// Refusals by the server (RFC 9457 problem+json) and spec warnings as lines a person can act on.
import { CliError } from './cli-error.mjs';

function formatEntry(e) {
  const where = [];
  // Several files: a pointer reads `file#/pointer`; a syntax error names its file beside the line.
  if (e.file !== undefined) where.push(e.file);
  if (e.pointer !== undefined) where.push(e.pointer === '' ? '(document root)' : e.pointer);
  if (e.location) where.push(e.location.join('.'));
  if (e.line !== undefined)
    where.push(`line ${e.line}${e.column !== undefined ? `, column ${e.column}` : ''}`);
  return `  - ${where.length ? `${where.join(' ')}: ` : ''}${e.message ?? JSON.stringify(e)}`;
}

/** One warning of a publish result, without the list indent. */
export function formatWarning(w) {
  return typeof w === 'string' ? w : formatEntry(w).replace(/^ {2}- /, '');
}

/** The problem+json of a refused request as lines a person can act on. */
export function problemMessage(res, context) {
  const p = res.json;
  if (p && typeof p === 'object' && (p.detail || p.title)) {
    const lines = [`${context}: ${p.title ?? 'error'} (${res.status}): ${p.detail ?? ''}`.trimEnd()];
    if (Array.isArray(p.errors)) {
      for (const e of p.errors.slice(0, 50)) lines.push(formatEntry(e));
      if (p.errors.length > 50) lines.push(`  … and ${p.errors.length - 50} more`);
    }
    if (p.type) lines.push(`  (${p.type})`);
    return lines.join('\n');
  }
  const snippet = res.text.trim().slice(0, 300);
  return `${context}: HTTP ${res.status}${snippet ? `: ${snippet}` : ''}`;
}

function authFailure(res) {
  if (res.status !== 401) return undefined;
  const detail = res.json?.detail ?? 'the key was refused';
  return new CliError(
    `The server refused the API key: ${detail}\nCheck --key / SPECMOCK_KEY, or create a key with "specmock keys create".`,
  );
}

export function fail(res, context) {
  throw authFailure(res) ?? new CliError(problemMessage(res, context));
}
