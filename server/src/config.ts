/** Environment variables -> one typed, validated config. Every variable is in the README table. */
import path from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  SITE_NAME: z.string().trim().min(1).max(100).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Parley <no-reply@parley.local>'),
  MAIL_REPLY_TO: z.string().regex(/^[^@\s<>]+@[^@\s<>]+$|^[^<>]*<[^@\s<>]+@[^@\s<>]+>$/, 'must be an address like support@example.com or Support <support@example.com>').optional(),
  INBOUND_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  INBOUND_SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  INBOUND_EMAIL_DOMAIN: z
    .string()
    .regex(/^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/, 'must be a domain name like reply.example.com')
    .optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 14),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(1024).default(10),
  TWO_FACTOR_KEY: z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 32)').optional(),
  VISITOR_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  ADDRESS_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(120),
});

export interface Config {
  port: number;
  host: string;
  /** The origin visitors' browsers reach Parley at; derived from host/port when unset. */
  publicUrl: string;
  dataDir: string;
  mongodbUri: string | null;
  redisUrl: string | null;
  adminEmail: string | null;
  adminPassword: string | null;
  /** The first site's name on first start; admins rename it later in the console. */
  siteName: string | null;
  smtpUrl: string | null;
  mailFrom: string;
  /** Where answers to e-mails go (Reply-To); null: nowhere, and ticket e-mails say to answer on the ticket's page. */
  mailReplyTo: string | null;
  /**
   * Parley's own SMTP listener for answers to ticket e-mails, which then ask to be answered at
   * `r-…@<domain>` (mail for that domain must reach it); null: none.
   */
  inboundMail: { port: number; host: string; domain: string } | null;
  logLevel: (typeof LOG_LEVELS)[number];
  sessionTtlMs: number;
  /** The largest attachment accepted, in bytes. */
  maxUploadBytes: number;
  /** Seals agents' TOTP secrets; null: a key kept in the store (a stolen database then holds both). */
  twoFactorKey: string | null;
  /** Messages one visitor, and everyone behind one address, may send a minute. */
  messageLimits: { perVisitorPerMinute: number; perAddressPerMinute: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads env (blank values count as unset), or throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  if ((e.INBOUND_SMTP_PORT === undefined) !== (e.INBOUND_EMAIL_DOMAIN === undefined)) {
    throw new ConfigError([
      'INBOUND_SMTP_PORT and INBOUND_EMAIL_DOMAIN: set both (replies by e-mail) or neither',
    ]);
  }
  const visibleHost = e.HOST === '0.0.0.0' || e.HOST === '::' ? 'localhost' : e.HOST;
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://${visibleHost}:${e.PORT}`).replace(/\/$/, ''),
    dataDir: path.resolve(e.DATA_DIR),
    mongodbUri: e.MONGODB_URI ?? null,
    redisUrl: e.REDIS_URL ?? null,
    adminEmail: e.ADMIN_EMAIL?.toLowerCase() ?? null,
    adminPassword: e.ADMIN_PASSWORD ?? null,
    siteName: e.SITE_NAME ?? null,
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM,
    mailReplyTo: e.MAIL_REPLY_TO ?? null,
    inboundMail: e.INBOUND_SMTP_PORT !== undefined && e.INBOUND_EMAIL_DOMAIN !== undefined
      ? { port: e.INBOUND_SMTP_PORT, host: e.INBOUND_SMTP_HOST, domain: e.INBOUND_EMAIL_DOMAIN.toLowerCase() }
      : null,
    logLevel: e.LOG_LEVEL,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    maxUploadBytes: Math.floor(e.MAX_UPLOAD_MB * 1024 * 1024),
    twoFactorKey: e.TWO_FACTOR_KEY ?? null,
    messageLimits: { perVisitorPerMinute: e.VISITOR_MESSAGES_PER_MINUTE, perAddressPerMinute: e.ADDRESS_MESSAGES_PER_MINUTE },
  };
}
