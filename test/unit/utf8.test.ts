import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from '../../worker/util/utf8';
import { utf8Cases } from '../support/utf8-cases';

describe('decodeUtf8 in Node', () => {
  for (const [name, bytes] of utf8Cases())
    it(`reads ${name} as the TextDecoder does`, async () => {
      expect(await decodeUtf8(bytes)).toBe(new TextDecoder().decode(bytes));
    });
});
