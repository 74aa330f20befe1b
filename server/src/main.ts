/** Parley's entry point: reads config, opens the store, starts HTTP + sockets, stops cleanly. */
import pino from 'pino';
import { createParleyApp } from './app';
import { ConfigError, loadConfig } from './config';
import { ensureDefaultSiteAndAdmin } from './domain/bootstrap.service';
import { snippetFor } from './http/demo-page';
import { defaultStaticRoots } from './static-roots';
import { openStorage } from './store/open-store';
import { connectRedisAdapter } from './realtime/redis-adapter';
import { createWriteCoalescer } from './realtime/coalesced-writes';
import { createMailDelivery } from './mail/mail-delivery';
import { startInboundMail } from './mail/inbound-mail';
import { createTicketReplyAddresses } from './domain/ticket-reply-address';
import { newSecretToken } from './tokens';

// E-mails queued by any process are sent within this delay by one of them.
const MAIL_DISPATCH_INTERVAL_MS = 5000;
// Webhook deliveries queued by any process go out within this delay (a test event at once).
const WEBHOOK_DISPATCH_INTERVAL_MS = 2000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee the configuration table in README.md.\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = pino({ level: config.logLevel, base: { service: 'parley' } });
  // Shared by the sockets and the store: a batch's announcements to consoles leave before SQLite writes it.
  const writeCoalescer = createWriteCoalescer();
  const { store, files } = await openStorage({ ...config, afterAnnouncing: writeCoalescer.releaseNow });
  logger.info({ store: store.kind, files: files.kind, dataDir: config.dataDir }, 'store open');
  const boot = await ensureDefaultSiteAndAdmin(store, config);

  const redis = config.redisUrl ? await connectRedisAdapter(config.redisUrl, logger) : null;
  if (redis) logger.info('sharing sockets with other processes through redis');

  // Replies by e-mail: each ticket's e-mails are answered at its own address, which every process can check.
  const replyAddresses = config.inboundMail && createTicketReplyAddresses({
    secret: await store.getOrCreateSecret('ticket-replies', newSecretToken), domain: config.inboundMail.domain,
  });
  const mail = createMailDelivery({
    store, logger, smtpUrl: config.smtpUrl, dataDir: config.dataDir, from: config.mailFrom, replyTo: config.mailReplyTo,
    ...(replyAddresses ? { replyAddressFor: replyAddresses.addressFor } : {}),
  });
  mail.dispatcher.start(MAIL_DISPATCH_INTERVAL_MS);

  const app = await createParleyApp({
    store, logger, staticRoots: defaultStaticRoots(), publicUrl: config.publicUrl, sessionTtlMs: config.sessionTtlMs,
    adapter: redis?.adapter, cluster: redis?.link, mailer: mail.mailer, files, maxUploadBytes: config.maxUploadBytes,
    ...(config.twoFactorKey ? { twoFactorKey: config.twoFactorKey } : {}),
    messageLimits: config.messageLimits, writeCoalescer,
  });
  app.webhooks.dispatcher.start(WEBHOOK_DISPATCH_INTERVAL_MS);
  const address = await app.listen(config.port, config.host);
  logger.info({ port: address.port, host: config.host }, 'listening');
  const inbound = config.inboundMail && replyAddresses
    ? await startInboundMail({ ...config.inboundMail, addresses: replyAddresses, tickets: app.tickets, files: app.attachments, logger })
    : null;
  if (inbound) logger.info({ port: inbound.port, host: config.inboundMail?.host }, 'taking replies by e-mail');

  const lines = [
    '',
    `  Parley is running.`,
    `  Demo page:     ${config.publicUrl}/demo`,
    `  Agent console: ${config.publicUrl}/console/`,
  ];
  if (boot.createdAdmin) {
    lines.push(`  Admin e-mail:  ${boot.createdAdmin.email}`);
    // A password the operator chose stays out of the output (and so out of their logs); a generated
    // one must be shown, once, or nobody could sign in.
    lines.push(config.adminPassword === null
      ? `  Admin password (shown only this once): ${boot.createdAdmin.password}`
      : '  Admin password: the one set in ADMIN_PASSWORD');
  }
  lines.push(`  Snippet:       ${snippetFor(config.publicUrl, boot.site.key)}`, '');
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    Promise.resolve(inbound?.close())
      .then(() => mail.close())
      .then(() => app.close())
      .then(() => redis?.close())
      .then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Parley failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
