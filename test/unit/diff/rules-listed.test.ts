import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STRUCTURAL_RULES } from '../../../worker/diff/rules';
import { SCHEMA_KINDS, SCOPES, schemaRule } from '../../../worker/diff/schema-kinds';

/** README.md lists every rule with its level, as users read them; the registry is what runs. */
const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe('the rules in README.md', () => {
  it('lists every structural rule with its level', () => {
    for (const [id, rule] of Object.entries(STRUCTURAL_RULES))
      expect(readme, id).toContain(`| \`${id}\` | ${rule.level} |`);
  });

  it('lists every schema kind with its level in requests and in responses', () => {
    for (const [kind, levels] of Object.entries(SCHEMA_KINDS))
      expect(readme, kind).toContain(`| \`${kind}\` | ${levels.request} | ${levels.response} |`);
  });

  it('names every scope, and a scope gives the request or the response level', () => {
    for (const scope of SCOPES) expect(readme).toContain(`\`${scope}\``);
    expect(schemaRule('request-property', 'became-required')).toEqual({
      rule: 'request-property-became-required',
      level: 'breaking',
    });
    expect(schemaRule('response-header', 'became-required').level).toBe('non-breaking');
  });
});
