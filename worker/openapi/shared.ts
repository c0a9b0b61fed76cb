/** Fragments shared by the parts of specmock's own OpenAPI description. */
export const problem = { $ref: '#/components/responses/Problem' };
export const auth = [{ apiKey: [] }];
export const apiParam = { $ref: '#/components/parameters/Api' };
export const versionParam = { $ref: '#/components/parameters/Version' };
export const json = (schema: object) => ({ 'application/json': { schema } });
