/**
 * Lists every route of the Express app by walking its router stack, so the access tests cover
 * routes nobody remembered to list. The app is built by the real `createHttpApp`; services are
 * stand-ins that are never called (walking only reads the routers).
 */
import type { Express } from 'express';
import os from 'node:os';
import pino from 'pino';
import { createHttpApp, type HttpAppDeps } from '../http/http.app';

export interface RouteEntry {
  method: string;
  /** Express path syntax ("/api/admin/agents/:agentId"), or a regexp's source for regexp routes. */
  path: string;
}

interface LayerLike {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
}

const joinPath = (prefix: string, path: string) => `${prefix.replace(/\/$/, '')}${path === '/' ? '' : path}` || '/';

function pathsOf(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.flatMap(pathsOf);
  if (raw instanceof RegExp) return [`regexp:${raw.source}`];
  return typeof raw === 'string' ? [raw] : ['/'];
}

function walk(stack: LayerLike[], prefix: string, out: RouteEntry[]): void {
  for (const layer of stack) {
    if (layer.route) {
      for (const path of pathsOf(layer.route.path)) {
        for (const method of Object.keys(layer.route.methods).filter((m) => layer.route?.methods[m])) {
          out.push({ method: method.toUpperCase(), path: path.startsWith('regexp:') ? path : joinPath(prefix, path) });
        }
      }
    } else if (layer.handle?.stack) {
      for (const mount of pathsOf(layer.rawPath)) walk(layer.handle.stack, joinPath(prefix, mount), out);
    }
  }
}

export function listRoutes(app: Express): RouteEntry[] {
  const out: RouteEntry[] = [];
  walk((app as unknown as { router: { stack: LayerLike[] } }).router.stack, '', out);
  return out;
}

/** A callable stand-in for any service: every property and call returns another stand-in. */
function standIn(): unknown {
  const proxy: unknown = new Proxy(function standInFunction() {}, {
    get: (_target, property) => (typeof property === 'symbol' || property === 'then' ? undefined : proxy),
    apply: () => proxy,
  });
  return proxy;
}

/** Every route `createHttpApp` defines, with metrics switched on so optional routes are listed too. */
export function listParleyRoutes(): RouteEntry[] {
  const known: Partial<HttpAppDeps> = {
    logger: pino({ level: 'silent' }),
    staticRoots: { widgetDist: os.tmpdir(), consoleDist: os.tmpdir() },
    publicUrl: 'http://127.0.0.1',
    isReady: () => true,
  };
  const deps = new Proxy(known, {
    get: (target, property) => (property in target ? target[property as keyof HttpAppDeps] : standIn()),
    has: () => true,
  });
  return listRoutes(createHttpApp(deps as HttpAppDeps));
}

/** Fills route parameters (":token", "*splat", "{/*rest}") with a well-formed id nobody holds. */
export function concretePath(path: string): string {
  return path
    .replace(/\{[^}]*\}/g, '')
    .replace(/:[A-Za-z_]+/g, 'Zq3xUnknownId0000000001')
    .replace(/\*[A-Za-z_]*/g, 'Zq3xUnknownId0000000001');
}
