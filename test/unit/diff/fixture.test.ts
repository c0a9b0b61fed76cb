import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffPlans } from '../../../worker/diff/diff-plans';
import { ingest } from '../../../worker/ingest/ingest';

/**
 * pets-v1.yaml → pets-v2.yaml: every change v2 names in a comment, and nothing else. The table is
 * written from those comments and the rules in README.md ("Breaking changes"): the level of each
 * rule, the operation as `to` spells it (as `from` did for a removed one), and the pointer into `to`
 * (into `from` for removals) at the keyword or object that changed, `$ref`s read as inlined.
 */

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/diff/${name}`, import.meta.url), 'utf8');

const B = 'breaking';
const P = 'possibly-breaking';
const N = 'non-breaking';
const LIST = '/paths/~1pets/get';
const CREATE = '/paths/~1pets/post';
const NEW_PET = `${CREATE}/requestBody/content/application~1json/schema/properties`;
const SHOW = '/paths/~1pets~1{id}/get';
const ANIMAL = `${SHOW}/responses/200/content/application~1json/schema/allOf/1/properties`;
const OLD_PET = '/paths/~1pets~1{petId}/get/responses/200/content/application~1json/schema';

const EXPECTED: [string, string, string | null, string][] = [
  // operations
  [B, 'api-path-removed', 'GET /stores', '/paths/~1stores'],
  [B, 'api-operation-removed', 'DELETE /pets/{petId}', '/paths/~1pets~1{petId}/delete'],
  [N, 'api-path-added', 'GET /owners', '/paths/~1owners/get'],
  [N, 'api-operation-added', 'GET /orders', '/paths/~1orders/get'],
  [N, 'api-operation-deprecated', 'GET /pets/{id}', `${SHOW}/deprecated`],
  // parameters of GET /pets (v2 order: limit sort offset since filter tags region q)
  [B, 'request-parameter-max-decreased', 'GET /pets', `${LIST}/parameters/0/schema/maximum`],
  [B, 'request-parameter-enum-value-removed', 'GET /pets', `${LIST}/parameters/1/schema/enum`],
  [B, 'request-parameter-type-specialized', 'GET /pets', `${LIST}/parameters/2/schema/type`],
  [B, 'request-parameter-type-changed', 'GET /pets', `${LIST}/parameters/3/schema/type`],
  [P, 'request-parameter-removed', 'GET /pets', `${LIST}/parameters/4`], // trace, in v1
  [N, 'request-parameter-became-optional', 'GET /pets', `${LIST}/parameters/4`], // filter, in v2
  [P, 'request-parameter-serialization-changed', 'GET /pets', `${LIST}/parameters/5`],
  [B, 'request-parameter-added-required', 'GET /pets', `${LIST}/parameters/6`],
  [N, 'request-parameter-added-optional', 'GET /pets', `${LIST}/parameters/7`],
  [B, 'request-parameter-became-required', 'POST /pets', `${CREATE}/parameters/0`],
  [B, 'request-parameter-moved', 'GET /pets/{id}', `${SHOW}/parameters/1`],
  // responses of GET /pets
  [B, 'response-media-type-removed', 'GET /pets', `${LIST}/responses/200/content/application~1xml`],
  [B, 'response-required-header-removed', 'GET /pets', `${LIST}/responses/200/headers/X-Rate-Limit`],
  [P, 'response-optional-header-removed', 'GET /pets', `${LIST}/responses/200/headers/X-Page`],
  [B, 'response-header-became-optional', 'GET /pets', `${LIST}/responses/200/headers/X-Total`],
  [N, 'response-header-added', 'GET /pets', `${LIST}/responses/200/headers/X-Next`],
  [N, 'response-non-success-status-removed', 'GET /pets', `${LIST}/responses/404`],
  // security
  [B, 'api-security-added', 'POST /pets', `${CREATE}/security`],
  [N, 'api-security-removed', 'GET /pets/{id}', `${SHOW}/security`],
  // request bodies
  [B, 'request-body-became-required', 'POST /pets', `${CREATE}/requestBody`],
  [
    B,
    'request-body-media-type-removed',
    'POST /pets',
    `${CREATE}/requestBody/content/application~1x-www-form-urlencoded`,
  ],
  [
    N,
    'request-body-media-type-added',
    'POST /pets',
    `${CREATE}/requestBody/content/application~1vnd.pets+json`,
  ],
  [B, 'request-body-added-required', 'PUT /pets/{id}', '/paths/~1pets~1{id}/put/requestBody'],
  [B, 'request-body-removed', 'POST /orders', '/paths/~1orders/post/requestBody'],
  [B, 'response-success-status-removed', 'POST /orders', '/paths/~1orders/post/responses/200'],
  [N, 'response-status-added', 'POST /orders', '/paths/~1orders/post/responses/201'],
  // NewPet, the body of POST /pets
  [
    B,
    'request-property-additional-properties-restricted',
    'POST /pets',
    `${NEW_PET.replace(/properties$/, 'additionalProperties')}`,
  ],
  [B, 'request-property-became-required', 'POST /pets', `${NEW_PET}/chip`],
  [B, 'request-property-added-required', 'POST /pets', `${NEW_PET}/species`],
  [N, 'request-property-added-optional', 'POST /pets', `${NEW_PET}/vaccinated`],
  [B, 'request-property-max-length-decreased', 'POST /pets', `${NEW_PET}/name/maxLength`],
  [B, 'request-property-pattern-added', 'POST /pets', `${NEW_PET}/tag/pattern`],
  [B, 'request-property-enum-value-removed', 'POST /pets', `${NEW_PET}/kind/enum`],
  [B, 'request-property-format-added', 'POST /pets', `${NEW_PET}/birthday/format`],
  [B, 'request-property-min-increased', 'POST /pets', `${NEW_PET}/weight/minimum`],
  [P, 'request-property-default-changed', 'POST /pets', `${NEW_PET}/color/default`],
  [B, 'request-property-became-not-nullable', 'POST /pets', `${NEW_PET}/notes/type`],
  [B, 'request-property-unique-items-added', 'POST /pets', `${NEW_PET}/toys/uniqueItems`],
  [B, 'request-property-min-items-increased', 'POST /pets', `${NEW_PET}/toys/minItems`],
  [B, 'request-property-became-enum', 'POST /pets', `${NEW_PET}/size/enum`],
  [P, 'request-property-pattern-changed', 'POST /pets', `${NEW_PET}/code/pattern`],
  [B, 'request-property-variant-removed', 'POST /pets', `${NEW_PET}/home/oneOf/0`],
  // Pet → Animal, the 200 of GET /pets/{id}
  [N, 'response-media-type-added', 'GET /pets/{id}', `${SHOW}/responses/200/content/application~1xml`],
  [N, 'response-property-additional-properties-relaxed', 'GET /pets/{id}', `${OLD_PET}/additionalProperties`],
  [B, 'response-property-removed-required', 'GET /pets/{id}', `${OLD_PET}/properties/legacyCode`],
  [P, 'response-property-removed-optional', 'GET /pets/{id}', `${OLD_PET}/properties/tag`],
  [B, 'response-property-became-optional', 'GET /pets/{id}', `${ANIMAL}/name`],
  [B, 'response-property-max-length-increased', 'GET /pets/{id}', `${ANIMAL}/name/maxLength`],
  [P, 'response-property-enum-value-added', 'GET /pets/{id}', `${ANIMAL}/status/enum`],
  [B, 'response-property-type-generalized', 'GET /pets/{id}', `${ANIMAL}/age/type`],
  [B, 'response-property-became-nullable', 'GET /pets/{id}', `${ANIMAL}/owner/type`],
  [B, 'response-property-format-changed', 'GET /pets/{id}', `${ANIMAL}/createdAt/format`],
  [B, 'response-property-variant-added', 'GET /pets/{id}', `${ANIMAL}/microchip/oneOf/1`],
];

describe('the diff fixture', () => {
  it('reports exactly the changes pets-v2.yaml names, each with its level and pointer', async () => {
    const from = (await ingest(fixture('pets-v1.yaml'))).plan;
    const to = (await ingest(fixture('pets-v2.yaml'))).plan;
    const got = diffPlans(from, to).map((f) => [
      f.change.level,
      f.change.rule,
      f.change.operation,
      f.change.pointer,
    ]);
    const key = (row: unknown[]) => row.join(' ');
    expect(got.map(key).sort()).toEqual(EXPECTED.map(key).sort());
  });

  it('finds nothing between a version and itself', async () => {
    const plan = (await ingest(fixture('pets-v2.yaml'))).plan;
    const copy = (await ingest(fixture('pets-v2.yaml'))).plan;
    expect(diffPlans(plan, copy)).toEqual([]);
  });

  it('orders the changes most severe first', async () => {
    const from = (await ingest(fixture('pets-v1.yaml'))).plan;
    const to = (await ingest(fixture('pets-v2.yaml'))).plan;
    const levels = diffPlans(from, to).map((f) => f.change.level);
    expect(levels).toEqual([...levels].sort((a, b) => [B, P, N].indexOf(a) - [B, P, N].indexOf(b)));
  });
});
