import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../worker/mock/generate/context';
import { sentFor } from '../../worker/mock/realism/reflect';

/**
 * xero.com/xero_accounting: a create sends `Quotes: [{Contact: {…}}]` while the response's Contact
 * is `{$ref: Contact, type: string}`, which the independent validator reads differently from the
 * engine. Taking the sent list whole served a body it judged invalid. So only plain values, flat maps
 * and lists of plain values are taken whole; a deeper object only guides member by member.
 */
const ctx = { realism: { method: 'POST', status: 200 } } as unknown as Ctx;
const sent = (o: Record<string, unknown>) =>
  new Map(Object.entries(o).map(([k, v]) => [k.toLowerCase(), v])) as Map<string, never>;

describe('what a create reflects whole', () => {
  it('takes plain values, flat maps and lists of plain values whole', () => {
    expect(sentFor(sent({ email: 'a@b.co' }), 'email', ctx, true)?.want).toEqual(['a@b.co']);
    expect(sentFor(sent({ metadata: { a: '1' } }), 'metadata', ctx, true)?.want).toEqual([{ a: '1' }]);
    expect(sentFor(sent({ tags: ['x', 'y'] }), 'tags', ctx, true)?.want).toEqual([['x', 'y']]);
  });

  it('lets a deeper object guide member by member, and each object of a sent list its own item', () => {
    const nested = { Title: 'Roof', Contact: { ContactID: 'c1' } };
    expect(sentFor(sent({ quote: nested }), 'quote', ctx, true)).toEqual({ sent: nested });
    expect(sentFor(sent({ quotes: [nested] }), 'quotes', ctx, true)).toEqual({ sentItems: [nested] });
    // A list of lists says nothing item by item, and a batch of thousands is generated as usual.
    expect(sentFor(sent({ rows: [[1], [2]] }), 'rows', ctx, true)).toBeUndefined();
    expect(sentFor(sent({ quotes: Array(21).fill(nested) }), 'quotes', ctx, true)).toBeUndefined();
  });
});
