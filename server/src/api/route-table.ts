/**
 * One declaration per REST route: method, path, summary, tags, scope, the zod schemas of its
 * params, query, body and response, and its handler. Express handlers and the OpenAPI document
 * are both made from these, so neither can drift from the other.
 */
import { z } from 'zod';
import type { ApiCaller } from '../domain/api-token.service';

export type ApiMethod = 'get' | 'post' | 'patch' | 'delete';

/**
 * `agent`: any signed-in agent or token (the services apply role rules); `admin`: admins only,
 * refused before the body is read; `admin-session`: an admin's own session, never an API token.
 */
export type ApiAccess = 'agent' | 'admin' | 'admin-session';

export const NoInputSchema = z.strictObject({});
/** The response of a 204. */
export const NoContentSchema = z.undefined();

type NoInput = typeof NoInputSchema;

export interface RouteContext<P, Q, B> {
  caller: ApiCaller;
  params: P;
  query: Q;
  body: B;
}

interface RouteInfo {
  method: ApiMethod;
  /** OpenAPI syntax, from /api: `/v1/conversations/{conversationId}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** `read` routes work with every token; `write` routes need a read-write token (or a session). */
  scope: 'read' | 'write';
  access?: ApiAccess;
  status?: 200 | 201 | 202 | 204;
  /** JSON body limit; 64 KB unless the route needs more (articles). */
  bodyLimit?: string;
}

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType> extends RouteInfo {
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  handle(context: RouteContext<z.output<P>, z.output<Q>, z.output<B>>): Promise<z.input<R>>;
}

/** A route as the registrar and the document generator see it. */
export interface ApiRoute extends RouteInfo {
  params: z.ZodType;
  query: z.ZodType;
  body: z.ZodType | null;
  response: z.ZodType;
  handle(context: RouteContext<unknown, unknown, unknown>): Promise<unknown>;
}

export function defineRoute<
  P extends z.ZodType = NoInput,
  Q extends z.ZodType = NoInput,
  B extends z.ZodType = NoInput,
  R extends z.ZodType = z.ZodType,
>(spec: RouteSpec<P, Q, B, R>): ApiRoute {
  return {
    ...spec,
    params: spec.params ?? NoInputSchema,
    query: spec.query ?? NoInputSchema,
    body: spec.body ?? null,
    // Parsed by these very schemas before the handler runs, so the types the handler sees hold.
    handle: spec.handle as ApiRoute['handle'],
  };
}
