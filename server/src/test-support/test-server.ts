/** Starts a real Parley server on 127.0.0.1:0 with a fresh SQLite store, for integration tests. */
import path from 'node:path';
import pino from 'pino';
import { createParleyApp, type ParleyApp, type ParleyAppOptions } from '../app';
import { ensureDefaultSiteAndAdmin } from '../domain/bootstrap.service';
import { createFolderFileStore } from '../files/folder-file-store';
import type { Site } from '@parley/shared';
import { openSqliteStore } from '../store/sqlite/sqlite.store';
import type { Store } from '../store/store';
import type { Mailer } from '../domain/mailer.port';
import { createRecordingMailer, type RecordingMailer } from './recording-mailer';
import { makeScratchDir } from './scratch-dir';

export interface TestServer {
  url: string;
  app: ParleyApp;
  store: Store;
  site: Site;
  admin: { email: string; password: string };
  dataDir: string;
  /** The e-mails the domain queued (the durable mailer is tested on its own, with real SMTP). */
  mailer: RecordingMailer;
  /** Disconnected by stop(): a test hands over each socket it connects, so none outlives its server. */
  track(...sockets: Disconnectable[]): void;
  /** Disconnects the tracked sockets, then closes the server. */
  stop(): Promise<void>;
}

export interface Disconnectable {
  disconnect(): void;
}

export const TEST_ADMIN = { email: 'admin@example.test', password: 'correct horse battery' };

export interface TestServerOptions {
  dataDir?: string;
  now?: () => Date;
  reconnectGraceMs?: number;
  /** The visitors' heartbeat; off (hourly) unless a test watches it. */
  visitorHeartbeatMs?: number;
  mailer?: RecordingMailer;
  /** Also hands every e-mail to this mailer over the server's own store (a durable mailer to a test SMTP server). */
  deliverMailWith?: (store: Store) => Mailer;
  messageLimits?: ParleyAppOptions['messageLimits'];
  /** A stand-in for the link between processes (Redis), so a test can take it away and bring it back. */
  cluster?: ParleyAppOptions['cluster'];
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? makeScratchDir('parley-test-');
  const store = openSqliteStore({ filename: path.join(dataDir, 'parley.sqlite') });
  const boot = await ensureDefaultSiteAndAdmin(store, {
    adminEmail: TEST_ADMIN.email,
    adminPassword: TEST_ADMIN.password,
  });
  const mailer = options.mailer ?? createRecordingMailer();
  const delivery = options.deliverMailWith?.(store);
  const recordAndDeliver: Mailer = {
    async enqueue(request) {
      await mailer.enqueue(request);
      await delivery?.enqueue(request);
    },
  };
  const app = await createParleyApp({
    mailer: recordAndDeliver,
    files: createFolderFileStore(path.join(dataDir, 'files')),
    store,
    logger: pino({ level: 'silent' }),
    staticRoots: { widgetDist: path.join(dataDir, 'no-widget'), consoleDist: path.join(dataDir, 'no-console') },
    publicUrl: 'http://127.0.0.1',
    sessionTtlMs: 3600_000,
    now: options.now,
    reconnectGraceMs: options.reconnectGraceMs ?? 50,
    // Tests run sweeps themselves, when they mean to.
    sweepIntervalMs: 3600_000,
    visitorHeartbeatMs: options.visitorHeartbeatMs ?? 3600_000,
    messageLimits: options.messageLimits,
    cluster: options.cluster,
  });
  const address = await app.listen(0, '127.0.0.1');
  const tracked: Disconnectable[] = [];
  return {
    url: `http://127.0.0.1:${address.port}`,
    app,
    store,
    site: boot.site,
    admin: TEST_ADMIN,
    dataDir,
    mailer,
    track(...sockets) {
      tracked.push(...sockets);
    },
    async stop() {
      tracked.splice(0).forEach((socket) => socket.disconnect());
      await app.close();
    },
  };
}
