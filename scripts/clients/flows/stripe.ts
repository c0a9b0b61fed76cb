import { check, type ClientFlow, type Loose } from '../flow';
import { loadSdk } from '../install-sdks';
import { corpusSpec } from '../specs';

/**
 * stripe-node 19.1 (API 2025-09-30.clover, the description's date). It takes host, port and
 * protocol but no path prefix, so it needs the spec served at the root of the mock's port.
 */
export const stripeFlow: ClientFlow = {
  name: 'stripe',
  packages: { stripe: '19.1.0' },
  spec: corpusSpec('stripe.com.json'),
  specLabel: 'stripe.com.json',
  base: 'root',
  resources: true,
  async run(t) {
    const Stripe = loadSdk<Loose>('stripe');
    const stripe = new Stripe('sk_test_specmock', {
      host: t.target.host,
      port: t.target.port,
      protocol: 'http',
      maxNetworkRetries: 0,
    });
    const isStripeError = (status: number) => (e: Loose) =>
      e instanceof Stripe.errors.StripeError && e.statusCode === status && typeof e.message === 'string';

    const email = 'ada@example.com';
    const customer = await t.ok(
      'customers.create (form body, metadata[source])',
      () => stripe.customers.create({ email, name: 'Ada Lovelace', metadata: { source: 'specmock' } }),
      check('object is customer', 'sdk type', (c) => c.object === 'customer' && typeof c.id === 'string'),
      check('email reflected', 'realism', (c) => c.email === email),
      check('metadata reflected', 'realism', (c) => c.metadata?.source === 'specmock'),
    );
    const id: string = customer?.id ?? 'cus_specmock';
    await t.ok(
      'customers.retrieve',
      () => stripe.customers.retrieve(id),
      check('id echoes', 'realism', (c) => c.id === id),
      check('a live customer (not the deleted variant)', 'realism', (c) => c.deleted !== true),
      check('created email reads back', 'sandbox inference', (c) => c.email === email),
    );
    await t.ok(
      'customers.update',
      () => stripe.customers.update(id, { name: 'Ada King' }),
      check('id echoes', 'realism', (c) => c.id === id),
      check('name reflected', 'realism', (c) => c.name === 'Ada King'),
    );
    await t.ok(
      'customers.retrieve after update',
      () => stripe.customers.retrieve(id),
      check('updated name reads back', 'sandbox inference', (c) => c.name === 'Ada King'),
    );
    await t.ok(
      'customers.list',
      () => stripe.customers.list({ limit: 3 }),
      check('a list of customers', 'sdk type', (l) => l.object === 'list' && Array.isArray(l.data)),
      check('at most the page size', 'realism', (l) => l.data.length <= 3),
      check('lists the created customer', 'sandbox inference', (l) => l.data.some((c: Loose) => c.id === id)),
    );
    await t.ok(
      'customers.list auto-pagination to the end',
      async () => {
        const seen: string[] = [];
        for await (const c of stripe.customers.list({ limit: 3 })) {
          seen.push(c.id);
          if (seen.length >= 60) return { seen, ended: false };
        }
        return { seen, ended: true };
      },
      check('ends within 20 pages', 'pagination', (r) => r.ended),
      check('no customer twice', 'pagination', (r) => new Set(r.seen).size === r.seen.length),
    );
    const intent = await t.ok(
      'paymentIntents.create',
      () =>
        stripe.paymentIntents.create({
          amount: 2000,
          currency: 'usd',
          customer: id,
          payment_method_types: ['card'],
          metadata: { order: '42' },
        }),
      check('object is payment_intent', 'sdk type', (p) => p.object === 'payment_intent'),
      check('amount reflected', 'realism', (p) => p.amount === 2000),
      check('currency reflected', 'realism', (p) => p.currency === 'usd'),
    );
    const pi: string = intent?.id ?? 'pi_specmock';
    await t.ok(
      'paymentIntents.retrieve',
      () => stripe.paymentIntents.retrieve(pi),
      check('id echoes', 'realism', (p) => p.id === pi),
      check('created amount reads back', 'sandbox inference', (p) => p.amount === 2000),
    );
    await t.ok(
      'paymentIntents.update',
      () => stripe.paymentIntents.update(pi, { description: 'Order 42' }),
      check('description reflected', 'realism', (p) => p.description === 'Order 42'),
    );
    await t.ok(
      'paymentIntents.cancel',
      () => stripe.paymentIntents.cancel(pi),
      check('id echoes', 'realism', (p) => p.id === pi),
    );
    const product = await t.ok(
      'products.create',
      () => stripe.products.create({ name: 'T-shirt' }),
      check('name reflected', 'realism', (p) => p.name === 'T-shirt'),
    );
    await t.ok(
      'prices.create (expand[])',
      () =>
        stripe.prices.create({
          product: product?.id ?? 'prod_specmock',
          unit_amount: 1500,
          currency: 'eur',
          expand: ['product'],
        }),
      check('unit_amount reflected', 'realism', (p) => p.unit_amount === 1500),
    );
    await t.ok(
      'charges.list',
      () => stripe.charges.list({ customer: id, limit: 2 }),
      check('a list', 'sdk type', (l) => l.object === 'list' && Array.isArray(l.data)),
      check('refunded amount within the amount', 'realism', (l) =>
        l.data.every((c: Loose) => c.amount_refunded <= c.amount),
      ),
    );
    await t.ok(
      'customers.del',
      () => stripe.customers.del(id),
      check('deleted: true', 'sdk type', (d) => d.deleted === true && d.id === id),
    );
    await t.fails(
      'customers.retrieve of an unknown id → StripeInvalidRequestError 404',
      () => stripe.customers.retrieve('cus_unknown', t.query404),
      isStripeError(404),
      check('type is invalid_request_error', 'error shape', (e) => e.type === 'StripeInvalidRequestError'),
    );
    await t.fails(
      'paymentIntents.create without amount → Stripe error 400',
      () => stripe.paymentIntents.create({ currency: 'usd' }),
      (e) => e instanceof Stripe.errors.StripeError && e.statusCode >= 400 && e.statusCode < 500,
      check(
        'the error carries a message',
        'error shape',
        (e) => typeof e.message === 'string' && e.message.length > 0,
      ),
    );
  },
};
