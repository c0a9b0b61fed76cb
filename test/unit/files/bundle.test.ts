import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { bundleFiles } from '../../../worker/ingest/files/bundle';
import { FileSet } from '../../../worker/ingest/files/file-set';
import { bundledText, layoutFiles, LAYOUTS } from '../../support/fixture-folders';

describe('bundling the multi-file layouts', () => {
  for (const layout of LAYOUTS) {
    it(`${layout.name}: the same document as redocly bundle`, () => {
      const { doc } = bundleFiles(new FileSet(layoutFiles(layout)), layout.entry);
      expect(doc).toEqual(parse(bundledText(layout)));
    });
  }
});

describe('bundling hostile or unusual layouts', () => {
  const enc = new TextEncoder();
  const set = (files: Record<string, string>) =>
    new FileSet(Object.entries(files).map(([path, text]) => ({ path, bytes: enc.encode(text) })));
  const entry = (ref: string) =>
    `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '${ref}'}\n`;

  it('names a chain of 3,000 schema files without nesting calls', () => {
    const files: Record<string, string> = { 'openapi.yaml': entry('./s0.yaml') };
    for (let i = 0; i < 3000; i++)
      files[`s${i}.yaml`] =
        i < 2999 ? `type: object\nproperties:\n  next: {$ref: './s${i + 1}.yaml'}\n` : 'type: string\n';
    const { doc } = bundleFiles(set(files), 'openapi.yaml');
    const schemas = (doc.components as { schemas: Record<string, unknown> }).schemas;
    expect(Object.keys(schemas)).toHaveLength(3000);
    expect(schemas.s41).toEqual({
      type: 'object',
      properties: { next: { $ref: '#/components/schemas/s42' } },
    });
  });

  it('refuses copies that double at every file (spec-too-complex), quickly', () => {
    const files: Record<string, string> = {
      'openapi.yaml': `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-big: {$ref: './f0.yaml'}\n`,
    };
    for (let i = 0; i < 40; i++)
      files[`f${i}.yaml`] = `a: {$ref: './f${i + 1}.yaml'}\nb: {$ref: './f${i + 1}.yaml'}\n`;
    files['f40.yaml'] = 'leaf: [1, 2, 3]\n';
    const started = Date.now();
    expect(() => bundleFiles(set(files), 'openapi.yaml')).toThrow(/JSON nodes/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('keeps a ref to the entry by its own file name internal', () => {
    const { doc } = bundleFiles(
      set({
        'api.yaml':
          entry('api.yaml#/components/schemas/Pet') + 'components:\n  schemas:\n    Pet: {type: object}\n',
      }),
      'api.yaml',
    );
    expect(JSON.stringify(doc)).toContain('"$ref":"#/components/schemas/Pet"');
  });
});
