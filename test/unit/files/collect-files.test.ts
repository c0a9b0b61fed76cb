import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** The CLI's file collection (cli/lib/collect-files.mjs): what `publish` and `mock` upload. */
type Collect = (entry: string, root?: string) => { entry: string; files: { path: string }[] };
const MODULE = '../../../cli/lib/collect-files.mjs';
const collect = async (): Promise<Collect> =>
  ((await import(MODULE)) as { collectFiles: Collect }).collectFiles;

const dir = mkdtempSync(join(tmpdir(), 'specmock-collect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string>): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, path, '..'), { recursive: true });
    writeFileSync(join(dir, name, path), text);
  }
  return join(dir, name, 'openapi.yaml');
}

const entry = (pet: string) =>
  `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Pet:\n${pet}`;

describe('specmock collects the files a description references', () => {
  // digitalocean.com.json: `mapping: {enable_backups: 'models/droplet_actions.yml#/droplet_action'}`
  // stopped `specmock mock` before anything was uploaded.
  it('leaves a discriminator mapping that names no file to the server, and collects one that does', async () => {
    const file = folder('mapping', {
      'openapi.yaml': entry(
        "      oneOf: [{$ref: './cat.yaml'}]\n      discriminator:\n        propertyName: kind\n        mapping: {cat: './cat.yaml', dog: 'models/dog.yml#/Dog', bird: '../../outside.yaml'}\n",
      ),
      'cat.yaml': 'type: object\n',
    });
    const { files } = (await collect())(file);
    expect(files.map((f) => f.path)).toEqual(['openapi.yaml', 'cat.yaml']);
  });

  it('still refuses a $ref to a file that does not exist', async () => {
    const file = folder('missing', { 'openapi.yaml': entry("      $ref: './nope.yaml'\n") });
    const collectFiles = await collect();
    expect(() => collectFiles(file)).toThrow('nope.yaml, which does not exist');
  });
});
