import { check, type ClientFlow, type Loose } from '../flow';
import { loadSdk } from '../install-sdks';
import { corpusSpec } from '../specs';

/**
 * plaid-node 13.1 ("Updating to OAS 2020-09-14_1.345.1", the description's version). Every call is a
 * JSON POST (RPC style: no resource a sandbox could infer). `basePath` replaces the environment URL.
 */
export const plaidFlow: ClientFlow = {
  name: 'plaid',
  packages: { plaid: '13.1.0' },
  spec: corpusSpec('plaid.com.json'),
  specLabel: 'plaid.com.json',
  base: 'path',
  resources: false,
  async run(t) {
    const { Configuration, PlaidApi } = loadSdk<Loose>('plaid');
    const plaid = new PlaidApi(
      new Configuration({
        basePath: t.target.base,
        baseOptions: { headers: { 'PLAID-CLIENT-ID': 'client', 'PLAID-SECRET': 'secret' } },
      }),
    );
    const isPlaidError = (e: Loose) =>
      e?.isAxiosError === true && typeof e.response?.data?.error_code === 'string';

    const pub = await t.ok(
      'sandboxPublicTokenCreate',
      () =>
        plaid.sandboxPublicTokenCreate({ institution_id: 'ins_109508', initial_products: ['transactions'] }),
      check('a public token', 'sdk type', (r) => typeof r.data.public_token === 'string'),
    );
    const exchange = await t.ok(
      'itemPublicTokenExchange',
      () => plaid.itemPublicTokenExchange({ public_token: pub?.data.public_token ?? 'public-sandbox-x' }),
      check('an access token', 'sdk type', (r) => typeof r.data.access_token === 'string'),
    );
    const access_token: string = exchange?.data.access_token ?? 'access-sandbox-x';
    await t.ok(
      'linkTokenCreate',
      () =>
        plaid.linkTokenCreate({
          client_name: 'Demo',
          language: 'en',
          country_codes: ['US'],
          user: { client_user_id: 'user-1' },
          products: ['auth'],
        }),
      check('a link token', 'sdk type', (r) => typeof r.data.link_token === 'string'),
    );
    await t.ok(
      'accountsGet',
      () => plaid.accountsGet({ access_token }),
      check('accounts', 'sdk type', (r) => Array.isArray(r.data.accounts)),
      check('balances are numbers or null', 'realism', (r) =>
        r.data.accounts.every(
          (a: Loose) => a.balances?.current === null || typeof a.balances?.current === 'number',
        ),
      ),
    );
    await t.ok(
      'itemGet',
      () => plaid.itemGet({ access_token }),
      check('an item', 'sdk type', (r) => typeof r.data.item?.item_id === 'string'),
    );
    await t.ok(
      'authGet',
      () => plaid.authGet({ access_token }),
      check('numbers', 'sdk type', (r) => typeof r.data.numbers === 'object'),
    );
    await t.ok(
      'transactionsSync to the end (has_more / next_cursor)',
      async () => {
        let cursor: string | undefined;
        for (let page = 1; page <= 20; page++) {
          const r = await plaid.transactionsSync({ access_token, cursor, count: 10 });
          if (!r.data.has_more) return { page, ended: true };
          cursor = r.data.next_cursor;
        }
        return { page: 20, ended: false };
      },
      check('ends within 20 pages', 'pagination', (r) => r.ended),
    );
    await t.ok(
      'institutionsGet',
      () => plaid.institutionsGet({ count: 5, offset: 0, country_codes: ['US'] }),
      check('at most the count', 'realism', (r) => r.data.institutions.length <= 5),
    );
    await t.ok(
      'institutionsGetById',
      () => plaid.institutionsGetById({ institution_id: 'ins_109508', country_codes: ['US'] }),
      check('id echoes', 'realism', (r) => r.data.institution.institution_id === 'ins_109508'),
    );
    await t.ok(
      'institutionsSearch',
      () => plaid.institutionsSearch({ query: 'Chase', products: ['auth'], country_codes: ['US'] }),
      check('institutions', 'sdk type', (r) => Array.isArray(r.data.institutions)),
    );
    await t.ok(
      'categoriesGet',
      () => plaid.categoriesGet({}),
      check('categories', 'sdk type', (r) => Array.isArray(r.data.categories)),
    );
    await t.ok(
      'identityGet',
      () => plaid.identityGet({ access_token }),
      check('owners on accounts', 'sdk type', (r) =>
        r.data.accounts.every((a: Loose) => Array.isArray(a.owners)),
      ),
    );
    await t.ok(
      'itemRemove',
      () => plaid.itemRemove({ access_token }),
      check('a request id', 'sdk type', (r) => typeof r.data.request_id === 'string'),
    );
    await t.fails(
      'institutionsGetById of an unknown institution → Plaid error (asked with Prefer: code=400)',
      () =>
        plaid.institutionsGetById(
          { institution_id: 'ins_unknown', country_codes: ['US'] },
          { headers: t.sandbox ? {} : { Prefer: 'code=400' } },
        ),
      isPlaidError,
      check('error_type is set', 'error shape', (e) => typeof e.response.data.error_type === 'string'),
    );
    await t.fails(
      'accountsGet without an access token → Plaid error 400',
      () => plaid.accountsGet({}),
      isPlaidError,
      check('error_message is set', 'error shape', (e) => typeof e.response.data.error_message === 'string'),
    );
  },
};
