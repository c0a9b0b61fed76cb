import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { refusal } from '../../support/refusal';
import { mock, prepareTarget } from '../../../worker/mock/mock';
import { ingest } from '../../../worker/ingest/ingest';
import { ingestFiles, prepareFiles } from '../../../worker/ingest/files/ingest-files';
import { bundledText, layoutFiles, LAYOUTS } from '../../support/fixture-folders';

const enc = new TextEncoder();
const upload = (files: Record<string, string>, entry?: string) => ({
  files: Object.entries(files).map(([path, text]) => ({ path, bytes: enc.encode(text) })),
  ...(entry === undefined ? {} : { entry }),
});

async function publish(files: Record<string, string>, entry?: string, strict = false) {
  return ingestFiles(await prepareFiles(upload(files, entry)), { strict });
}

const entryDoc = (schemaRef: string) =>
  `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /pets:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: '${schemaRef}'\n`;

describe('refs among uploaded files only', () => {
  it.each([
    ['https://example.com/pet.yaml', 'external-ref'],
    ['file:///etc/passwd', 'external-ref'],
    ['//evil.example/pet.yaml', 'external-ref'],
    ['/etc/passwd', 'absolute-ref'],
    ['C:\\specs\\pet.yaml', 'absolute-ref'],
    ['../../outside.yaml', 'ref-outside-upload'],
    ['sub/../../../outside.yaml', 'ref-outside-upload'],
  ])('%s in a second file is refused (%s) with the file and pointer', async (ref, type) => {
    const problem = await refusal(() =>
      publish({
        'openapi.yaml': entryDoc('./schemas/pet.yaml'),
        'schemas/pet.yaml': `type: object\nproperties:\n  owner:\n    $ref: '${ref}'\n`,
      }),
    );
    expect(problem.type).toBe(type);
    expect(problem.errors?.[0].pointer).toBe('schemas/pet.yaml#/properties/owner/$ref');
  });

  it('refuses refs to files missing from the upload, listing each place', async () => {
    const problem = await refusal(() =>
      publish({
        'openapi.yaml': entryDoc('./schemas/pet.yaml'),
        'schemas/pet.yaml': `type: object\nproperties:\n  a: {$ref: './tag.yaml'}\n  b: {$ref: '../errors.yaml#/E'}\n`,
      }),
    );
    expect(problem.type).toBe('ref-file-missing');
    expect(problem.errors?.map((e) => e.pointer)).toEqual([
      'schemas/pet.yaml#/properties/a/$ref',
      'schemas/pet.yaml#/properties/b/$ref',
    ]);
    expect(problem.errors?.[1].message).toContain('errors.yaml');
  });

  // digitalocean.com.json keeps its source's `models/droplet_actions.yml#/…` in discriminator mappings.
  it('publishes a discriminator mapping to a file missing from the upload, mapping nothing', async () => {
    const pet = `oneOf: [{$ref: './cat.yaml'}]\ndiscriminator:\n  propertyName: kind\n  mapping:\n    cat: './cat.yaml'\n    dog: 'models/dog.yml#/Dog'\n`;
    const { plan, warnings } = await publish({
      'openapi.yaml': entryDoc('./schemas/pet.yaml'),
      'schemas/pet.yaml': pet,
      'schemas/cat.yaml': 'type: object\nrequired: [kind]\nproperties: {kind: {type: string}}\n',
    });
    expect(warnings.map((w) => w.message)).toContain(
      'discriminator mapping "models/dog.yml#/Dog" names no schema; ignored',
    );
    const out = mock(prepareTarget(plan, 0), { method: 'GET', path: '/pets', query: [], headers: {} });
    expect(out.ok && out.response.status).toBe(200);
  });

  it('names the file of a syntax error', async () => {
    const problem = await refusal(() =>
      publish({ 'openapi.yaml': entryDoc('./pet.yaml'), 'pet.yaml': 'type: object\nproperties: {a: [}\n' }),
    );
    expect(problem.type).toBe('invalid-spec-syntax');
    expect(problem.detail).toMatch(/^pet\.yaml: /);
    expect(problem.errors?.[0]).toMatchObject({ file: 'pet.yaml', line: 2 });
  });
});

describe('pointers that name the file', () => {
  it('tells warnings in another file as file#pointer', async () => {
    const { warnings } = await publish({
      'openapi.yaml': entryDoc('./schemas/pet.yaml'),
      'schemas/pet.yaml': 'type: object\nproperties:\n  id:\n    type: int\n',
    });
    expect(warnings.map((w) => w.pointer)).toContain('schemas/pet.yaml#/properties/id/type');
  });

  it('keeps a dangling fragment as a warning, and the operation answers naming the file', async () => {
    const { plan, warnings } = await publish({
      'openapi.yaml': entryDoc('./schemas/pet.yaml#/Nope'),
      'schemas/pet.yaml': 'type: object\n',
    });
    const dangling = warnings.find((w) => w.message.includes('does not resolve'));
    expect(dangling?.message).toContain('"schemas/pet.yaml#/Nope"');
    expect(dangling?.pointer).toMatch(/^openapi\.yaml#\/paths\/~1pets\/get\/responses\/200/);
    const outcome = mock(prepareTarget(plan, 0), { method: 'GET', path: '/pets', query: [], headers: {} });
    expect(outcome.ok).toBe(false);
    expect(JSON.stringify(outcome)).toContain('schemas/pet.yaml#/Nope');
  });

  it('tells a strict refusal in another file by its file', async () => {
    const problem = await refusal(() =>
      publish(
        {
          'openapi.yaml': `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    $ref: paths/a.yaml\n`,
          'paths/a.yaml': 'get:\n  responses:\n    "200": {}\n',
        },
        undefined,
        true,
      ),
    );
    expect(problem.type).toBe('invalid-spec');
    expect(problem.errors?.some((e) => e.pointer?.startsWith('paths/a.yaml#/get/responses/200'))).toBe(true);
    expect(problem.detail).toContain('paths/a.yaml#');
  });
});

describe('the version hash', () => {
  const files = {
    'openapi.yaml': entryDoc('./schemas/pet.yaml'),
    'schemas/pet.yaml': 'type: object\nproperties:\n  tag: {$ref: ./tag.json}\n',
    'schemas/tag.json': '{"type": "string"}',
  };

  it('is the same whatever the order of the files, and ignores files nothing reaches', async () => {
    const forward = await prepareFiles(upload(files, 'openapi.yaml'));
    const reversed = await prepareFiles({
      ...upload(files, 'openapi.yaml'),
      files: upload(files).files.reverse(),
    });
    const withReadme = await prepareFiles(upload({ ...files, 'README.md': '# hi' }, 'openapi.yaml'));
    expect(reversed.hash).toBe(forward.hash);
    expect(withReadme.hash).toBe(forward.hash);
    expect(withReadme.ignored).toEqual(['README.md']);
    expect(forward.used).toEqual(['openapi.yaml', 'schemas/pet.yaml', 'schemas/tag.json']);
  });

  it('changes with any byte of any used file, and with a rename', async () => {
    const base = (await prepareFiles(upload(files, 'openapi.yaml'))).hash;
    const edited = await prepareFiles(
      upload({ ...files, 'schemas/tag.json': '{"type": "integer"}' }, 'openapi.yaml'),
    );
    expect(edited.hash).not.toBe(base);
  });

  it('of one self-contained file is that file’s own SHA-256, as a single-document upload', async () => {
    const text = entryDoc('#/components/schemas/Pet') + 'components:\n  schemas:\n    Pet: {type: object}\n';
    const prepared = await prepareFiles(upload({ 'openapi.yaml': text, 'notes.txt': 'x' }));
    expect(prepared.hash).toBe(createHash('sha256').update(text).digest('hex'));
    expect(prepared.hash).toBe((await ingest(text)).hash);
  });
});

describe('the entry document', () => {
  const pet = 'type: object\n';
  it('is detected: the one file with openapi at its top that no other file references', async () => {
    const prepared = await prepareFiles(
      upload({ 'a/openapi.yaml': entryDoc('./pet.yaml'), 'a/pet.yaml': pet }),
    );
    expect(prepared.entry).toBe('a/openapi.yaml');
  });

  it('is asked for when several files could be it', async () => {
    const problem = await refusal(() =>
      prepareFiles(
        upload({ 'one.yaml': entryDoc('./pet.yaml'), 'two.yaml': entryDoc('./pet.yaml'), 'pet.yaml': pet }),
      ),
    );
    expect(problem.type).toBe('entry-required');
    expect(problem.extensions?.candidates).toEqual(['one.yaml', 'two.yaml']);
  });

  it('must be one of the uploaded files', async () => {
    const problem = await refusal(() => prepareFiles(upload({ 'pet.yaml': pet }, 'openapi.yaml')));
    expect(problem.type).toBe('entry-not-found');
  });
});

describe('the five layouts', () => {
  for (const layout of LAYOUTS) {
    it(`${layout.name}: the same plan as its single-file bundle, with no warnings about refs`, async () => {
      const prepared = await prepareFiles({ files: layoutFiles(layout) });
      expect(prepared.entry).toBe(layout.entry);
      const [files, single] = await Promise.all([ingestFiles(prepared), ingest(bundledText(layout))]);
      expect(files.plan).toEqual(single.plan);
      expect(files.plan.operations.length).toBeGreaterThan(2);
      expect(files.warnings.filter((w) => /\$ref/.test(w.message))).toEqual([]);
    });
  }
});
