import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** OpenAPI generated from the routes' Zod contracts: JSON at /api/openapi.json, browsable at /api/docs. */
export const openapiPlugin = fp(async (app: FastifyInstance) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Manyi (满意) API',
        description:
          'After-sales service desk. Sign in with POST /api/v1/auth/login (cookie session; send the returned csrfToken ' +
          'as X-CSRF-Token on writes) or use an API token: `Authorization: Bearer mny_…`. Creates accept an ' +
          '`Idempotency-Key` header. Updates carry the `version` you read; a stale one gets 409 VERSION_CONFLICT. ' +
          'Errors: `{ error: { code, message, details } }`, message in zh or en by Accept-Language.',
        version: '1.0.0',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'manyi_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
});
