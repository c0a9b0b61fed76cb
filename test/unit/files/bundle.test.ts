import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { bundleFiles } from '../../../worker/spec/files/bundle';
import { FileSet } from '../../../worker/spec/files/file-set';
import { bundledText, layoutFiles, LAYOUTS } from '../../support/fixture-folders';

describe('bundling the multi-file layouts', () => {
  for (const layout of LAYOUTS) {
    it(`${layout.name}: the same document as redocly bundle`, () => {
      const { doc } = bundleFiles(new FileSet(layoutFiles(layout)), layout.entry);
      expect(doc).toEqual(parse(bundledText(layout)));
    });
  }
});
