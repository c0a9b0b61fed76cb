import { readFileSync } from 'node:fs';
import { request } from '../lib/http.mjs';
import { CliError } from '../lib/cli-error.mjs';
import { COMMON, SERVER_HELP, apiKey, printJson, server } from '../lib/options.mjs';
import { fail } from '../lib/problems.mjs';

export const summary = "Show or change an API's behaviour settings (latency, errors, forced responses)";
export const usage =
  'specmock behaviour <api> [--latency MIN[-MAX]] [--error-rate R] [--error-status S] [--seed S] [--op "GET /path" [--status N] [--example NAME]] [--file FILE] [--clear]';
export const details = `Without changes: prints the API's settings as JSON. With changes: reads them, applies the
changes and stores the result (PUT /v1/apis/<api>/behaviour); the next mock call sees it.
Whether a call fails depends only on the request and the seed, so CI sees the same failures on every run.

Options:
${SERVER_HELP}
  --key KEY            API key (env SPECMOCK_KEY)
  --latency MIN[-MAX]  delay each call by MIN to MAX ms (at most 30000); 0 removes the delay
  --error-rate R       fail this share of calls (0 to 1)
  --error-status S     with this status (400-599, default 500)
  --seed S             another draw of which calls fail
  --op "METHOD /path"  apply --latency/--error-*/--status/--example to this operation only
  --status N           (with --op) always answer with this status
  --example NAME       (with --op) always answer with this named example
  --file FILE          replace all settings with this JSON file
  --clear              remove all settings (or, with --op, that operation's)
  --json               print the stored settings as compact JSON`;
export const options = {
  ...COMMON,
  latency: { type: 'string' },
  'error-rate': { type: 'string' },
  'error-status': { type: 'string' },
  seed: { type: 'string' },
  op: { type: 'string' },
  status: { type: 'string' },
  example: { type: 'string' },
  file: { type: 'string' },
  clear: { type: 'boolean' },
};

const CHANGES = ['latency', 'error-rate', 'error-status', 'seed', 'status', 'example', 'file', 'clear'];

export async function run({ values, positionals }) {
  if (positionals.length !== 1) throw new CliError(`Usage: ${usage}`);
  const url = `${server(values)}/v1/apis/${encodeURIComponent(positionals[0])}/behaviour`;
  const headers = { authorization: `Bearer ${apiKey(values)}` };
  const current = await request('GET', url, { headers });
  if (current.status !== 200) fail(current, `reading the settings of ${positionals[0]} failed`);
  if (!CHANGES.some((c) => values[c] !== undefined)) return show(current.json, values.json);
  const next = change(current.json, values);
  const res = await request('PUT', url, {
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(next),
  });
  if (res.status !== 200) fail(res, 'storing the settings failed');
  show(res.json, values.json);
}

function show(settings, compact) {
  if (compact) process.stdout.write(`${JSON.stringify(settings)}\n`);
  else printJson(settings);
}

/** The new settings: a file replaces everything; flags change the API or one operation. */
export function change(current, values) {
  if (values.file !== undefined) {
    try {
      return JSON.parse(readFileSync(values.file, 'utf8'));
    } catch (e) {
      throw new CliError(`cannot read ${values.file} as JSON: ${e.message}`);
    }
  }
  const next = structuredClone(current);
  if ((values.status !== undefined || values.example !== undefined) && values.op === undefined)
    throw new CliError('--status and --example force one operation\'s response: add --op "GET /path"');
  if (values.op !== undefined) {
    next.operations ??= {};
    if (values.clear) delete next.operations[values.op];
    else next.operations[values.op] = applyRule({ ...next.operations[values.op] }, values);
    if (Object.keys(next.operations).length === 0) delete next.operations;
    return next;
  }
  if (values.clear) return {};
  if (values.seed !== undefined) next.seed = values.seed;
  return applyRule(next, values);
}

function applyRule(rule, values) {
  if (values.latency !== undefined) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(values.latency);
    if (!m) throw new CliError('--latency takes MIN or MIN-MAX in milliseconds, e.g. 100-500');
    const minMs = Number(m[1]);
    const maxMs = Number(m[2] ?? m[1]);
    if (maxMs === 0) delete rule.latency;
    else rule.latency = { minMs, maxMs };
  }
  if (values['error-rate'] !== undefined || values['error-status'] !== undefined) {
    const rate = Number(values['error-rate'] ?? rule.errors?.rate ?? 1);
    const status = Number(values['error-status'] ?? rule.errors?.status ?? 500);
    if (rate === 0) delete rule.errors;
    else rule.errors = { rate, status };
  }
  if (values.status !== undefined) rule.status = Number(values.status);
  if (values.example !== undefined) rule.example = values.example;
  return rule;
}
