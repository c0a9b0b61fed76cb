import { check, type ClientFlow, type Loose } from '../flow';
import { loadSdk } from '../install-sdks';
import { corpusSpec } from '../specs';

/**
 * square 46 (Fern: typed requests, a serialization layer that reads every response) against
 * squareup.com.json (Connect v2): `baseUrl` replaces `https://connect.squareup.com`.
 */
export const squareFlow: ClientFlow = {
  name: 'square',
  packages: { square: '46.0.0' },
  spec: corpusSpec('squareup.com.json'),
  specLabel: 'squareup.com.json',
  base: 'path',
  resources: true,
  async run(t) {
    const { SquareClient, SquareError } = loadSdk<Loose>('square');
    const client = new SquareClient({ token: 'specmock', baseUrl: t.target.base, maxRetries: 0 });
    const isStatus = (status: number) => (e: Loose) => e instanceof SquareError && e.statusCode === status;
    const errorList = check(
      'errors[].code',
      'error shape',
      (e: Loose) => e.errors.length > 0 && e.errors.every((x: Loose) => typeof x.code === 'string'),
    );

    const created = await t.ok(
      'customers.create',
      () =>
        client.customers.create({
          givenName: 'Amelia',
          familyName: 'Earhart',
          emailAddress: 'amelia@example.com',
          referenceId: 'ref-42',
        }),
      check('an id', 'sdk type', (r) => typeof r.customer?.id === 'string'),
      check('given name reflected', 'realism', (r) => r.customer.givenName === 'Amelia'),
      check('email reflected', 'realism', (r) => r.customer.emailAddress === 'amelia@example.com'),
    );
    const id: string = created?.customer?.id ?? 'JDKYHBWT1D4F8MFH63DBMEN8Y4';
    await t.ok(
      'customers.get',
      () => client.customers.get({ customerId: id }),
      check('id echoes', 'realism', (r) => r.customer.id === id),
      check('created name reads back', 'sandbox inference', (r) => r.customer.givenName === 'Amelia'),
    );
    await t.ok(
      'customers.update',
      () => client.customers.update({ customerId: id, familyName: 'Putnam' }),
      check('family name reflected', 'realism', (r) => r.customer.familyName === 'Putnam'),
    );
    await t.ok(
      'customers.get after update',
      () => client.customers.get({ customerId: id }),
      check('updated name reads back', 'sandbox inference', (r) => r.customer.familyName === 'Putnam'),
    );
    await t.ok(
      'customers.list (first page)',
      async () => (await client.customers.list({ limit: 5 })).data,
      check('a list', 'sdk type', (l) => Array.isArray(l)),
      check('at most the limit', 'realism', (l) => l.length <= 5),
      check('distinct ids', 'realism', (l) => new Set(l.map((c: Loose) => c.id)).size === l.length),
      check('lists the created customer', 'sandbox inference', (l) => l.some((c: Loose) => c.id === id)),
    );
    await t.ok(
      'customers.list auto-pagination to the end (cursor)',
      async () => {
        const seen: string[] = [];
        for await (const c of await client.customers.list({ limit: 5 })) if (seen.push(c.id) >= 100) break;
        return seen;
      },
      check('ends within 20 pages', 'pagination', (l) => l.length < 100),
    );
    await t.ok(
      'locations.list',
      () => client.locations.list(),
      check('locations', 'sdk type', (r) => Array.isArray(r.locations)),
      check(
        'distinct ids',
        'realism',
        (r) => new Set(r.locations.map((l: Loose) => l.id)).size === r.locations.length,
      ),
    );
    await t.ok('customers.delete', () => client.customers.delete({ customerId: id }));
    if (t.sandbox)
      await t.fails(
        'customers.get after delete → SquareError 404',
        () => client.customers.get({ customerId: id }),
        isStatus(404),
      );
    await t.fails(
      'customers.get of an unknown id → SquareError 404',
      () => client.customers.get({ customerId: 'UNKNOWN' }, { headers: t.prefer404 }),
      isStatus(404),
      errorList,
    );
  },
};
