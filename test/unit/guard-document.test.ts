import { describe, expect, it } from 'vitest';
import { guardDocument } from '../../worker/ingest/guard';
import { ProblemError } from '../../worker/http/problem';

function refusal(doc: unknown, refs?: 'vetted'): { type: string; pointers: string[] } {
  try {
    guardDocument(doc, { refs });
  } catch (e) {
    if (!(e instanceof ProblemError)) throw e;
    return { type: e.problem.type, pointers: (e.problem.errors ?? []).map((x) => x.pointer ?? '') };
  }
  throw new Error('not refused');
}

function nested(levels: number): unknown {
  let node: unknown = { leaf: true };
  for (let i = 0; i < levels; i++) node = i % 2 === 0 ? [node] : { 'a/b': node };
  return node;
}

describe('guardDocument', () => {
  it('counts the objects and arrays of the document', () => {
    expect(guardDocument({ a: [1, { b: null }, [2]], c: 'x', d: { e: {} } })).toBe(6);
  });

  it('names where a document nests past the cap', () => {
    const { type, pointers } = refusal({ paths: {}, 'x-deep': nested(200) });
    expect(type).toBe('spec-too-complex');
    // 129 levels below the root: x-deep, then 128 of the nesting; the slash in a key escaped.
    expect(pointers).toHaveLength(1);
    expect(pointers[0].split('/').slice(1)).toHaveLength(129);
    expect(pointers[0].startsWith('/x-deep/a~1b/0/a~1b/0/')).toBe(true);
  });

  it('accepts the deepest nesting allowed, and not one level more', () => {
    expect(() => guardDocument({ 'x-deep': nested(127) })).not.toThrow();
    expect(refusal({ 'x-deep': nested(128) }).type).toBe('spec-too-complex');
  });

  it('names every external ref, and lets local and vetted ones pass', () => {
    const doc = {
      paths: {
        '/a': { get: { responses: { 200: { $ref: 'other.yaml#/R' } } } },
        '/b': { get: { responses: { 200: { $ref: '#/components/responses/R' } } } },
      },
      components: { schemas: { P: { items: [{ $ref: 'https://example.com/p.json' }] } } },
    };
    const { type, pointers } = refusal(doc);
    expect(type).toBe('external-ref');
    expect(pointers.sort()).toEqual([
      '/components/schemas/P/items/0/$ref',
      '/paths/~1a/get/responses/200/$ref',
    ]);
    expect(guardDocument(doc, { refs: 'vetted' })).toBe(15);
  });
});
