import type { Ctx, Hint } from '../generate/context';
import { generateFormat, hostFor, isoSeconds, recentMs, urlFor, words } from '../generate/formats';
import type { Flat } from '../generate/flat';
import type { FieldKind } from './field-kind-table';
import { classify, timeFor } from './field-kinds';
import { arnFor } from './aws-arns';
import { resourceUrl, sidFor } from './resource-names';
import { thingName } from './thing-names';

type StringMaker = (
  name: string,
  ctx: Ctx,
  fmt: string | undefined,
  hint: Hint,
  kind: FieldKind,
) => string | undefined;

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * A family name from faker's own list. Its `person.lastName` and `person.fullName` pick a pattern
 * and expand it with its template engine: 2 and 6 µs a name, where the pick alone is 0.2.
 */
function lastName(ctx: Ctx): string {
  const names = ctx.faker.definitions.person.last_name.generic;
  return names?.length ? ctx.faker.helpers.arrayElement(names) : ctx.faker.person.lastName();
}

const timestamp: StringMaker = (_name, ctx, fmt, hint, kind) => {
  const iso = isoSeconds(timeFor(kind, ctx, hint));
  return fmt === 'date' ? iso.slice(0, 10) : iso;
};

/** A string for each kind a field name can say; kinds without an entry get no string. */
const STRINGS: Partial<Record<FieldKind, StringMaker>> = {
  email: (_name, ctx) => ctx.faker.internet.email().toLowerCase(),
  firstName: (_name, ctx) => ctx.faker.person.firstName(),
  lastName: (_name, ctx) => lastName(ctx),
  fullName: (name, ctx, _fmt, hint) =>
    (name === 'name' && hint.owner !== undefined ? thingName(hint.owner, ctx) : undefined) ??
    `${ctx.faker.person.firstName()} ${lastName(ctx)}`,
  username: (_name, ctx) => ctx.faker.internet.username().toLowerCase(),
  password: (_name, ctx) => ctx.faker.internet.password({ length: 12 }),
  phone: (_name, ctx) => ctx.faker.phone.number({ style: 'international' }),
  city: (_name, ctx) => ctx.faker.location.city(),
  country: (_name, ctx) => ctx.faker.location.country(),
  countryCode: (_name, ctx) => ctx.faker.location.countryCode(),
  zip: (_name, ctx) => ctx.faker.location.zipCode('#####'),
  street: (_name, ctx) => ctx.faker.location.streetAddress(),
  state: (_name, ctx) => ctx.faker.location.state(),
  company: (_name, ctx) => ctx.faker.company.name(),
  url: (name, ctx) => resourceUrl(name, ctx) ?? urlFor(ctx),
  avatar: (_name, ctx) => `https://i.pravatar.cc/${ctx.rng.pick([64, 128, 256])}?img=${ctx.rng.int(1, 70)}`,
  title: (_name, ctx) => capitalize(words(ctx, ctx.rng.int(2, 5))),
  description: (_name, ctx) => capitalize(words(ctx, ctx.rng.int(5, 12))) + '.',
  price: (_name, ctx) => (Math.round((1 + ctx.rng.next() * 499) * 100) / 100).toFixed(2),
  currency: (_name, ctx) => ctx.faker.finance.currencyCode(),
  created: timestamp,
  updated: timestamp,
  datetime: timestamp,
  date: (_name, ctx, fmt) =>
    fmt === 'date-time' ? isoSeconds(recentMs(ctx)) : isoSeconds(recentMs(ctx)).slice(0, 10),
  // A person born 18 to 80 years before the body's date, never this year.
  birthday: (_name, ctx, fmt) => {
    const born = isoSeconds(ctx.refDate - Math.floor((18 + ctx.rng.next() * 62) * 365.25 * 86_400_000));
    return fmt === 'date-time' ? born : born.slice(0, 10);
  },
  id: (_name, ctx, fmt) => {
    if (fmt && fmt !== 'uuid') return undefined;
    return generateFormat('uuid', ctx, 36);
  },
  uuid: (_name, ctx) => generateFormat('uuid', ctx, 36),
  slug: (_name, ctx) => words(ctx, ctx.rng.int(2, 4), '-'),
  status: (_name, ctx) => ctx.rng.pick(['active', 'pending', 'inactive', 'completed']),
  latitude: (_name, ctx) => ctx.faker.location.latitude().toString(),
  longitude: (_name, ctx) => ctx.faker.location.longitude().toString(),
  color: (_name, ctx) => ctx.faker.color.rgb(),
  ip: (_name, ctx) => generateFormat('ipv4', ctx, 15),
  userAgent: (_name, ctx) => ctx.faker.internet.userAgent(),
  locale: (_name, ctx) => ctx.rng.pick(['en-US', 'en-GB', 'fr-FR', 'de-DE', 'es-ES', 'ja-JP']),
  language: (_name, ctx) => ctx.rng.pick(['en', 'fr', 'de', 'es', 'ja', 'pt']),
  timezone: (_name, ctx) => ctx.faker.location.timeZone(),
  tag: (_name, ctx) => words(ctx, 1),
  jobTitle: (_name, ctx) => ctx.faker.person.jobTitle(),
  // The API's own host where a field names a host; a domain of its own where it names a domain
  // (a site's custom_domain and its aliases are not the API's host, nor one another).
  domain: (name, ctx) => (/host/i.test(name) ? hostFor(ctx) : ctx.faker.internet.domainName()),
  version: (_name, ctx) => `${ctx.rng.int(0, 4)}.${ctx.rng.int(0, 20)}.${ctx.rng.int(0, 30)}`,
  sha: (_name, ctx) => ctx.faker.string.hexadecimal({ length: 40, casing: 'lower', prefix: '' }),
  branch: (_name, ctx) =>
    ctx.rng.chance(0.5)
      ? ctx.rng.pick(['main', 'develop', 'staging', 'release'])
      : `${ctx.rng.pick(['feature', 'fix', 'chore'])}/${words(ctx, 2, '-')}`,
  command: (_name, ctx) =>
    ctx.rng.pick([
      'npm run build',
      'yarn build',
      'make build',
      'hugo --minify',
      'go build ./...',
      'pnpm build',
    ]),
  token: (_name, ctx) => ctx.faker.string.alphanumeric(32),
  mimeType: (_name, ctx) => ctx.rng.pick(['application/json', 'image/png', 'text/plain', 'application/pdf']),
  fileName: (_name, ctx) => ctx.faker.system.fileName(),
  productName: (_name, ctx) => ctx.faker.commerce.productName(),
  category: (_name, ctx) => ctx.faker.commerce.department(),
  word: (_name, ctx) => words(ctx, 1),
  gender: (_name, ctx) => ctx.rng.pick(['female', 'male', 'non-binary']),
  iban: (_name, ctx) => ctx.faker.finance.iban(),
  code: (_name, ctx) => ctx.faker.string.alphanumeric({ length: 8, casing: 'upper' }),
  path: (_name, ctx) =>
    '/' + ctx.faker.system.directoryPath().replace(/^\/+/, '') + '/' + ctx.faker.system.fileName(),
  label: (_name, ctx) => capitalize(words(ctx, ctx.rng.int(1, 3))),
  sid: (name, ctx) => sidFor(name, ctx),
  arn: (name, ctx) => arnFor(name, ctx),
  count: (_name, ctx) => String(ctx.rng.int(0, 20)),
  numeric: (_name, ctx) => String(ctx.rng.int(0, 20)),
  month: (_name, ctx) => String(ctx.rng.int(1, 12)).padStart(2, '0'),
  year: (_name, ctx) => String(new Date(ctx.refDate).getUTCFullYear() - ctx.rng.int(0, 10)),
  percent: (_name, ctx) => String(ctx.rng.int(0, 100)),
};

export function stringFor(name: string, flat: Flat, ctx: Ctx, hint: Hint): string | undefined {
  const kind = classify(name);
  if (kind === null) return undefined;
  // A name held to a pattern (IAM's `[\w+=,.@-]+`) seldom admits spaces; a slug of words fits most.
  if (kind === 'label' && flat.patterns.length > 0) return words(ctx, ctx.rng.int(1, 3), '-');
  return STRINGS[kind]?.(name, ctx, flat.formats[0], hint, kind);
}
