/**
 * The browsable API reference at /api/docs: the OpenAPI document rendered on the server as plain
 * HTML (operations by tag, parameters, bodies, responses, webhooks, schemas). No script at all,
 * and its one stylesheet is allowed by hash, so it works under `default-src 'none'`.
 */
import { createHash } from 'node:crypto';
import MarkdownIt from 'markdown-it';
import type { OpenApiDocument } from './openapi';

type JsonObject = Record<string, unknown>;

const markdown = new MarkdownIt({ html: false, linkify: false });

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1f2933;background:#fff}
header{background:#1d3a8a;color:#fff;padding:1rem 2rem}header a{color:#fff}
main{display:grid;grid-template-columns:16rem 1fr;gap:2rem;padding:1rem 2rem;max-width:80rem}
nav ul{list-style:none;padding:0}nav li{margin:.2rem 0}
section.op{border-top:1px solid #d9dee5;padding:.8rem 0}
.method{display:inline-block;min-width:4.2rem;font-weight:700;text-transform:uppercase;font-family:monospace}
.get{color:#0b6e4f}.post{color:#1d3a8a}.patch{color:#8a5a00}.delete{color:#a11}
code,pre{font-family:ui-monospace,monospace;font-size:.85rem}pre{background:#f4f6f8;padding:.6rem;overflow:auto;max-height:28rem}
table{border-collapse:collapse}td,th{border:1px solid #d9dee5;padding:.2rem .5rem;text-align:left;vertical-align:top}
.scope{font-size:.8rem;background:#eef;padding:0 .4rem;border-radius:.3rem}
`;

/** For the Content-Security-Policy: exactly this stylesheet, nothing else. */
export const API_REFERENCE_STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const modelLink = (schema: unknown): string => {
  const target = (schema as { $ref?: string } | undefined)?.$ref?.split('/').pop();
  return target ? `<a href="#schema-${escapeHtml(target)}"><code>${escapeHtml(target)}</code></a>` : '';
};

function parametersTable(parameters: JsonObject[]): string {
  if (parameters.length === 0) return '';
  const rows = parameters.map((p) => {
    const type = JSON.stringify(p.schema);
    const description = typeof p.description === 'string' ? escapeHtml(p.description) : '';
    return `<tr><td><code>${escapeHtml(String(p.name))}</code></td><td>${escapeHtml(String(p.in))}</td><td>${p.required ? 'yes' : ''}</td><td><code>${escapeHtml(type.length > 160 ? `${type.slice(0, 157)}…` : type)}</code></td><td>${description}</td></tr>`;
  });
  return `<table><tr><th>Parameter</th><th>In</th><th>Required</th><th>Schema</th><th>Description</th></tr>${rows.join('')}</table>`;
}

function responsesList(responses: JsonObject): string {
  const items = Object.entries(responses).map(([status, response]) => {
    const r = response as { $ref?: string; description?: string; content?: { 'application/json'?: { schema?: unknown } } };
    const text = r.$ref ? `error: <code>${escapeHtml(r.$ref.split('/').pop() ?? '')}</code>` : escapeHtml(r.description ?? '');
    return `<li><strong>${escapeHtml(status)}</strong> ${text} ${modelLink(r.content?.['application/json']?.schema)}</li>`;
  });
  return `<ul>${items.join('')}</ul>`;
}

function operationHtml(method: string, path: string, op: JsonObject): string {
  const body = (op.requestBody as { content?: { 'application/json'?: { schema?: unknown } } } | undefined)?.content?.['application/json']?.schema;
  return `<section class="op" id="${escapeHtml(String(op.operationId))}">
<h3><span class="method ${escapeHtml(method)}">${escapeHtml(method)}</span> <code>${escapeHtml(path)}</code> <span class="scope">${escapeHtml(String(op['x-parley-scope'] ?? 'webhook'))}</span></h3>
<p>${escapeHtml(String(op.summary ?? ''))}</p>${markdown.render(String(op.description ?? ''))}
${parametersTable((op.parameters as JsonObject[] | undefined) ?? [])}
${body ? `<p>Body: ${modelLink(body)}</p>` : ''}
${responsesList((op.responses as JsonObject | undefined) ?? {})}
</section>`;
}

export function renderApiReference(document: OpenApiDocument): string {
  const info = document.info as { title: string; version: string; description: string };
  const tags = (document.tags as { name: string; description: string }[]).map((tag) => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => (op.tags as string[]).includes(tag.name))
        .map(([method, op]) => operationHtml(method, path, op)),
    );
    const hooks = tag.name === 'Webhooks'
      ? Object.entries(document.webhooks).map(([type, { post }]) => operationHtml('post', `(your URL) — ${type}`, post))
      : [];
    return { tag, html: [...operations, ...hooks].join('\n') };
  });
  const schemas = Object.entries(document.components.schemas).map(
    ([name, schema]) =>
      `<details id="schema-${escapeHtml(name)}"><summary><code>${escapeHtml(name)}</code></summary><pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre></details>`,
  );
  const anchor = (name: string) => `tag-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(info.title)} reference</title><style>${STYLE}</style></head>
<body><header><h1>${escapeHtml(info.title)} <small>${escapeHtml(info.version)}</small></h1>
<p>OpenAPI 3.1 document: <a href="openapi.json">/api/openapi.json</a></p></header>
<main><nav><ul>${tags.map(({ tag }) => `<li><a href="#${anchor(tag.name)}">${escapeHtml(tag.name)}</a></li>`).join('')}<li><a href="#schemas">Schemas</a></li></ul></nav>
<div>${markdown.render(info.description)}
${tags.map(({ tag, html }) => `<h2 id="${anchor(tag.name)}">${escapeHtml(tag.name)}</h2><p>${escapeHtml(tag.description)}</p>${html}`).join('\n')}
<h2 id="schemas">Schemas</h2>${schemas.join('\n')}</div></main></body></html>`;
}
