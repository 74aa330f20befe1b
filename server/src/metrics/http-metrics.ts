/** HTTP side of the metrics: the scrape endpoint, and error responses counted by their code. */
import type { RequestHandler } from 'express';
import type { MetricsEndpoint, ServerMetrics } from './metrics.port';

export function serveMetrics(endpoint: MetricsEndpoint): RequestHandler {
  return (_req, res, next) => {
    endpoint.render().then((text) => res.type(endpoint.contentType).send(text), next);
  };
}

/** Counts every JSON error body (`{ error: { code } }`) this router answers with, whoever produced it. */
export function countErrorResponses(metrics: ServerMetrics): RequestHandler {
  return (_req, res, next) => {
    const send = res.json.bind(res);
    res.json = (body: unknown) => {
      if (res.statusCode >= 400) metrics.countError('http', errorCodeOf(body));
      return send(body);
    };
    next();
  };
}

function errorCodeOf(body: unknown): string {
  if (typeof body !== 'object' || body === null || !('error' in body)) return 'UNKNOWN';
  const { error } = body;
  if (typeof error !== 'object' || error === null || !('code' in error)) return 'UNKNOWN';
  return typeof error.code === 'string' ? error.code : 'UNKNOWN';
}
