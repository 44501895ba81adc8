/** Named zod schemas become OpenAPI components, once, with request and response forms kept apart when they differ. */
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { SchemaComponents, requestDefaultsInWords } from '#infra/openapi/schemas.ts';

describe('SchemaComponents', () => {
  it('publishes a named schema once and refers to it wherever it is used', () => {
    // Prepare
    const Place = z.object({ name: z.string().max(50) }).meta({ id: 'SpecPlace' });
    const schemas = new SchemaComponents();

    // Act
    const document = { a: schemas.convert(z.object({ from: Place, to: Place.nullable() }), 'output'), b: schemas.convert(Place, 'output') };
    const components = schemas.finish(document);

    // Assess
    expect(Object.keys(components)).toEqual(['SpecPlace']);
    expect(document.b).toEqual({ $ref: '#/components/schemas/SpecPlace' });
    expect(JSON.stringify(document.a)).toContain('"$ref":"#/components/schemas/SpecPlace"');
  });

  it('names the request form apart when a default makes it differ, and every schema that refers to it', () => {
    // Prepare
    const Mode = z.object({ mode: z.enum(['a', 'b']).default('a') }).meta({ id: 'SpecMode' });
    const Holder = z.object({ mode: Mode }).meta({ id: 'SpecHolder' });
    // Strict: the same in requests and responses, so one component serves both.
    const Plain = z.strictObject({ note: z.string().max(10) }).meta({ id: 'SpecPlain' });
    const schemas = new SchemaComponents();

    // Act
    const document = {
      request: schemas.convert(z.object({ holder: Holder, plain: Plain }), 'input'),
      response: schemas.convert(z.object({ holder: Holder, plain: Plain }), 'output'),
    };
    const components = schemas.finish(document);

    // Assess
    expect(Object.keys(components).sort()).toEqual(['SpecHolder', 'SpecHolderInput', 'SpecMode', 'SpecModeInput', 'SpecPlain']);
    expect(components.SpecMode!.required).toEqual(['mode']);
    expect(components.SpecModeInput!.required).toBeUndefined();
    expect(JSON.stringify(components.SpecHolderInput)).toContain('#/components/schemas/SpecModeInput');
    expect(JSON.stringify(document.request)).toContain('#/components/schemas/SpecHolderInput');
    expect(JSON.stringify(document.response)).toContain('#/components/schemas/SpecHolder"');
    expect(JSON.stringify(document)).not.toContain('#/pending/');
  });

  it('gives integers an OpenAPI format by their bounds', () => {
    const schemas = new SchemaComponents();
    expect(schemas.convert(z.number().int().min(1).max(100), 'input')).toMatchObject({ type: 'integer', format: 'int32' });
    expect(schemas.convert(z.number().int(), 'input')).toMatchObject({ type: 'integer', format: 'int64' });
  });

  it('resolves a named object to its fields, for parameters', () => {
    const Query = z.object({ q: z.string().max(10) }).meta({ id: 'SpecQuery' });
    const schemas = new SchemaComponents();
    expect(schemas.resolve(schemas.convert(Query, 'input'))).toMatchObject({ type: 'object', properties: { q: { type: 'string' } } });
  });

  it('says a request body\'s defaults in words, so generated clients may leave those fields out; responses keep them', () => {
    // Prepare
    const Mode = z.object({ mode: z.enum(['a', 'b']).default('a').meta({ description: 'How' }) }).meta({ id: 'SpecRequestMode' });
    const schemas = new SchemaComponents();
    const document: Record<string, any> = {
      paths: { '/x': { post: {
        requestBody: { content: { 'application/json': { schema: schemas.convert(z.object({ inner: Mode, n: z.number().default(1) }), 'input') } } },
        responses: { 200: { content: { 'application/json': { schema: schemas.convert(Mode, 'output') } } } },
      } } },
    };
    document.components = { schemas: schemas.finish(document) };

    // Act
    requestDefaultsInWords(document);

    // Assess
    const body = document.paths['/x'].post.requestBody.content['application/json'].schema;
    expect(body.properties.n).toEqual({ type: 'number', description: 'Default: `1`.' });
    expect(document.components.schemas.SpecRequestModeInput.properties.mode).toMatchObject({ description: 'How Default: `"a"`.' });
    expect(document.components.schemas.SpecRequestModeInput.properties.mode).not.toHaveProperty('default');
    expect(document.components.schemas.SpecRequestMode.properties.mode).toMatchObject({ default: 'a' });
  });
});
