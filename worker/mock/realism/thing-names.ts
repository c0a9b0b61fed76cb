import type { Ctx } from '../generate/context';
import { words } from '../generate/formats';

/**
 * What the `name` of a thing looks like, by what the thing is (its definition's name): a site or a
 * repository is a slug, a product a product name, a pet a pet's name. A person's `name` stays a
 * person's name; so does the `name` of anything this cannot tell.
 */

const PERSON =
  /user|person|people|member|contact|customer|employee|author|owner|account|profile|patient|student|teacher|driver|agent|admin|staff|recipient|sender|collaborator|assignee|reviewer|participant|attendee|guest|candidate|applicant|subscriber|client|lead|buyer|seller|tenant|player|artist|actor|speaker|human|individual|signer|payee|payer|beneficiary|holder|creator|committer|friend|follower|identity|principal|operator|doctor|physician|vet/i;

const KINDS: [RegExp, (ctx: Ctx) => string][] = [
  [/pet|dog|cat|animal|horse/i, (ctx) => ctx.faker.animal.petName()],
  [/product|item|sku|article|merchandise|good/i, (ctx) => ctx.faker.commerce.productName()],
  [
    /compan|organi[sz]ation|^org|team|business|vendor|supplier|merchant|brand|enterprise/i,
    (ctx) => ctx.faker.company.name(),
  ],
  [/city|place|location|venue|region|store|shop|office|warehouse/i, (ctx) => ctx.faker.location.city()],
  [
    /repo|site|app|project|service|bucket|package|domain|cluster|database|environment|function|workspace|channel|space|pipeline|deploy|server|instance|volume|network|queue|topic|stream|index|branch|bot|integration|webhook|hook|plugin|module|library|model|job|task|workflow/i,
    (ctx) => words(ctx, 2, '-'),
  ],
];

const CAPITALIZED = (ctx: Ctx) =>
  words(ctx, ctx.rng.int(1, 3))
    .split(' ')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');

/** The `name` of an object defined as `owner`, or undefined when it names a person. */
export function thingName(owner: string, ctx: Ctx): string | undefined {
  if (PERSON.test(owner)) return undefined;
  for (const [re, make] of KINDS) if (re.test(owner)) return make(ctx);
  return CAPITALIZED(ctx);
}
