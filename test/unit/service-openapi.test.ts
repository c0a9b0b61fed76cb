import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { specmockOpenApi } from '../../worker/openapi/specmock-openapi';

describe("specmock's own OpenAPI description", () => {
  it('is valid according to swagger-parser', async () => {
    await expect(SwaggerParser.validate(structuredClone(specmockOpenApi) as never)).resolves.toBeTruthy();
  });
});
