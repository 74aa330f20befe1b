/**
 * The platform API under /api: /v1 (conversations, contacts, tickets, articles, agents,
 * departments, analytics), /admin/api-tokens and /admin/webhooks from one route table, the
 * OpenAPI document made from that table at /openapi.json, and its reference at /docs.
 */
import { Router } from 'express';
import type { ApiServices } from './api-services';
import { API_REFERENCE_STYLE_HASH, renderApiReference } from './api-reference.page';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi';
import { platformRoutes } from './platform-routes';
import { authenticateCaller, registerRoutes } from './route-registrar';

const REFERENCE_CSP = [
  "default-src 'none'", `style-src ${API_REFERENCE_STYLE_HASH}`, "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');

export function createPlatformRouter(services: ApiServices, options: { publicUrl: string }): { router: Router; document: OpenApiDocument } {
  const routes = platformRoutes(services);
  const document = buildOpenApiDocument(routes, { serverUrl: options.publicUrl });
  const reference = renderApiReference(document);
  const router = Router();

  router.get('/openapi.json', (_req, res) => {
    // Public and credential-free: API tools on other origins may read it.
    res.set({ 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' }).json(document);
  });
  router.get('/docs', (_req, res) => {
    res.set('Content-Security-Policy', REFERENCE_CSP).set('Cache-Control', 'public, max-age=300').type('html').send(reference);
  });
  registerRoutes(router, { routes, authenticate: authenticateCaller(services) });
  return { router, document };
}
