/**
 * The OpenAPI 3.1 document, generated from the route table and the shared zod schemas with zod's
 * own z.toJSONSchema (JSON Schema 2020-12, which OpenAPI 3.1 speaks): nothing is written twice.
 */
import { z } from 'zod';
import { WEBHOOK_SIGNATURE_HEADER } from '@parley/shared';
import { apiDescription, TAG_DESCRIPTIONS, WEBHOOK_DESCRIPTION } from './openapi-texts';
import { NAMED_MODELS, pascalCase, webhookEventModels } from './openapi-components';
import type { ApiRoute } from './route-table';

type JsonObject = Record<string, unknown>;

export interface OpenApiDocument extends JsonObject {
  openapi: '3.1.0';
  paths: Record<string, Record<string, JsonObject>>;
  components: { schemas: Record<string, JsonObject> } & JsonObject;
  webhooks: Record<string, { post: JsonObject }>;
}

const ref = (model: string) => ({ $ref: `#/components/schemas/${model}` });
const uri = (id: string) => `#/components/schemas/${id}`;

/** Components are referenced from elsewhere in the document: no `$schema`, no fragment `$id`. */
function asComponents(schemas: Record<string, unknown>): Record<string, JsonObject> {
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _dialect, $id: _id, ...rest } = schema as JsonObject;
      return [id, rest];
    }),
  );
}

/** Registers the named models, then every route's response (output) and body (input) under stable ids. */
function collectModels(routes: ApiRoute[]) {
  const output = z.registry<{ id: string }>();
  const input = z.registry<{ id: string }>();
  const responseIds = new Map<ApiRoute, string>();
  const bodyIds = new Map<ApiRoute, string>();
  const idOf = new Map<z.ZodType, string>();
  const name = (schema: z.ZodType, id: string) => {
    output.add(schema, { id });
    idOf.set(schema, id);
  };
  for (const [id, schema] of Object.entries(NAMED_MODELS)) name(schema, id);
  for (const { model, schema } of webhookEventModels()) name(schema, model);
  for (const route of routes) {
    if (route.status !== 204) {
      const known = idOf.get(route.response);
      const id = known ?? `${pascalCase(route.operationId)}Response`;
      if (!known) name(route.response, id);
      responseIds.set(route, id);
    }
    if (route.body) {
      const id = `${pascalCase(route.operationId)}Request`;
      input.add(route.body, { id });
      bodyIds.set(route, id);
    }
  }
  const schemas = {
    ...asComponents(z.toJSONSchema(output, { uri, io: 'output', unrepresentable: 'any' }).schemas),
    ...asComponents(z.toJSONSchema(input, { uri, io: 'input', unrepresentable: 'any' }).schemas),
  };
  return { schemas, responseIds, bodyIds };
}

/** Path and query parameters, one per property of the route's schema (as a client sends them). */
function parametersOf(route: ApiRoute): JsonObject[] {
  const of = (schema: z.ZodType, where: 'path' | 'query') => {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, JsonObject>; required?: string[] };
    return Object.entries(json.properties ?? {}).map(([name, property]) => {
      const { description, ...propertySchema } = property;
      return {
        name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: propertySchema,
        ...(typeof description === 'string' ? { description } : {}),
        ...(property.type === 'array' ? { style: 'form', explode: true } : {}),
      };
    });
  };
  return [...of(route.params, 'path'), ...of(route.query, 'query')];
}

const fieldsOf = (schema: z.ZodType | null): string[] => Object.keys((schema as z.ZodObject | null)?.shape ?? {});

function errorResponses(route: ApiRoute): JsonObject {
  // An id in the path, or one in the body naming another record (a department, an assignee, a
  // contact), can name nothing: such routes answer 404 too.
  const namesRecords = fieldsOf(route.params).length > 0 || fieldsOf(route.body).some((field) => /Ids?$/.test(field));
  return {
    '400': { $ref: '#/components/responses/ValidationFailed' },
    '401': { $ref: '#/components/responses/Unauthenticated' },
    '403': { $ref: '#/components/responses/Forbidden' },
    ...(namesRecords ? { '404': { $ref: '#/components/responses/NotFound' } } : {}),
    ...(route.method !== 'get' ? { '409': { $ref: '#/components/responses/Conflict' } } : {}),
  };
}

function operationOf(route: ApiRoute, ids: ReturnType<typeof collectModels>): JsonObject {
  const status = String(route.status ?? 200);
  const responseId = ids.responseIds.get(route);
  const bodyId = ids.bodyIds.get(route);
  const success = responseId
    ? { description: route.summary, content: { 'application/json': { schema: ref(responseId) } } }
    : { description: 'Done; no content.' };
  const access = route.access === 'admin-session' ? ' Needs an admin’s session token; API tokens are refused.' : route.access === 'admin' ? ' Admins only.' : '';
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: `${route.description ? `${route.description}\n\n` : ''}Scope: \`${route.scope}\`.${access}`,
    tags: route.tags,
    'x-parley-scope': route.scope,
    parameters: parametersOf(route),
    ...(bodyId ? { requestBody: { required: true, content: { 'application/json': { schema: ref(bodyId) } } } } : {}),
    responses: { [status]: success, ...errorResponses(route) },
  };
}

function webhooksOf(): OpenApiDocument['webhooks'] {
  const header = (name: string, description: string) => ({ name, in: 'header', required: true, schema: { type: 'string' }, description });
  return Object.fromEntries(
    webhookEventModels().map(({ type, model }) => [
      type,
      {
        post: {
          operationId: `on${pascalCase(type)}`,
          summary: `${type}`,
          description: WEBHOOK_DESCRIPTION,
          tags: ['Webhooks'],
          parameters: [
            header(WEBHOOK_SIGNATURE_HEADER, '`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" keyed with the endpoint secret>`'),
            header('Parley-Event', 'The event type, as in the body.'),
            header('Parley-Delivery', 'This delivery (the same in every retry of it).'),
          ],
          requestBody: { required: true, content: { 'application/json': { schema: ref(model) } } },
          responses: { '200': { description: 'Any 2xx answer acknowledges the event; anything else (or no answer in 10 s) is retried.' } },
        },
      },
    ]),
  );
}

export function buildOpenApiDocument(routes: ApiRoute[], options: { serverUrl: string }): OpenApiDocument {
  const models = collectModels(routes);
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, JsonObject>)[route.method] = operationOf(route, models);
  }
  const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ref('ApiError') } } });
  return {
    openapi: '3.1.0',
    info: { title: 'Parley API', version: '1.0.0', description: apiDescription() },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: `${options.serverUrl.replace(/\/$/, '')}/api` }],
    security: [{ bearerAuth: [] }],
    tags: Object.entries(TAG_DESCRIPTIONS).map(([name, description]) => ({ name, description })),
    paths,
    webhooks: webhooksOf(),
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http', scheme: 'bearer',
          description: 'An API token (`pk_live_…`, created by an admin) or an agent’s session token from POST /api/agent/login.',
        },
      },
      responses: {
        ValidationFailed: errorResponse('VALIDATION_FAILED: the request does not fit the schema; `issues` names the fields.'),
        Unauthenticated: errorResponse('UNAUTHENTICATED: no token, an unknown or revoked one, or its agent is no longer active.'),
        Forbidden: errorResponse('FORBIDDEN: a read token on a write route, or the agent may not do this.'),
        NotFound: errorResponse('NOT_FOUND (or CONVERSATION_NOT_FOUND, AGENT_NOT_FOUND): no such record on this site.'),
        Conflict: errorResponse(
          'CONVERSATION_CLOSED, ALREADY_ASSIGNED, CAPACITY_REACHED, DEPARTMENT_IN_USE (`issues` says what to move first) or ' +
            'ALREADY_TAKEN (a name unique regardless of case, such as a department\'s, is another\'s; `issues` names the field).',
        ),
      },
      schemas: models.schemas,
    },
  };
}
