/** Configuration: defaults that work out of the box, and a clear message for each bad value. */
import path from 'node:path';
import { ConfigError, loadConfig } from './config';

test('no variables at all gives a working default config', () => {
  const config = loadConfig({});
  expect(config).toMatchObject({
    port: 3000,
    publicUrl: 'http://localhost:3000',
    dataDir: path.resolve('./data'),
    mongodbUri: null,
    redisUrl: null,
    smtpUrl: null,
  });
});

test('blank values count as unset', () => {
  expect(loadConfig({ PORT: '', MONGODB_URI: '  ' })).toMatchObject({ port: 3000, mongodbUri: null });
});

test('every bad variable is named in one error', () => {
  let error: unknown;
  try {
    loadConfig({ PORT: 'eighty', MONGODB_URI: 'postgres://x', ADMIN_PASSWORD: 'short' });
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ConfigError);
  const problems = (error as ConfigError).problems.join('\n');
  expect(problems).toMatch(/PORT/);
  expect(problems).toMatch(/MONGODB_URI: must start with mongodb/);
  expect(problems).toMatch(/ADMIN_PASSWORD: must be at least 10 characters/);
});

test('MAIL_REPLY_TO is unset by default, takes an address with or without a name, and refuses anything else', () => {
  expect(loadConfig({}).mailReplyTo).toBeNull();
  expect(loadConfig({ MAIL_REPLY_TO: 'support@acme.test' }).mailReplyTo).toBe('support@acme.test');
  expect(loadConfig({ MAIL_REPLY_TO: 'Acme Support <support@acme.test>' }).mailReplyTo).toBe('Acme Support <support@acme.test>');
  for (const bad of ['support', 'support@acme.test, sales@acme.test', '<support@acme.test']) {
    expect(() => loadConfig({ MAIL_REPLY_TO: bad })).toThrow(/MAIL_REPLY_TO: must be an address/);
  }
});

test('replies by e-mail are off by default; on, they need both a port and a domain, which must be a domain name', () => {
  expect(loadConfig({}).inboundMail).toBeNull();
  expect(loadConfig({ INBOUND_SMTP_PORT: '2525', INBOUND_EMAIL_DOMAIN: 'Reply.Acme.test' }).inboundMail).toEqual({
    port: 2525, host: '127.0.0.1', domain: 'reply.acme.test',
  });
  expect(loadConfig({ INBOUND_SMTP_PORT: '25', INBOUND_SMTP_HOST: '0.0.0.0', INBOUND_EMAIL_DOMAIN: 'acme.test' }).inboundMail?.host).toBe('0.0.0.0');
  expect(() => loadConfig({ INBOUND_SMTP_PORT: '2525' })).toThrow(/set both/);
  expect(() => loadConfig({ INBOUND_EMAIL_DOMAIN: 'reply.acme.test' })).toThrow(/set both/);
  for (const bad of ['reply@acme.test', '-acme.test', 'acme..test', 'acme test']) {
    expect(() => loadConfig({ INBOUND_SMTP_PORT: '2525', INBOUND_EMAIL_DOMAIN: bad })).toThrow(/INBOUND_EMAIL_DOMAIN: must be a domain name/);
  }
  expect(() => loadConfig({ INBOUND_SMTP_PORT: '70000', INBOUND_EMAIL_DOMAIN: 'acme.test' })).toThrow(/INBOUND_SMTP_PORT/);
});

test('PUBLIC_URL wins over host and port and loses its trailing slash', () => {
  expect(loadConfig({ PUBLIC_URL: 'https://chat.example.com/' }).publicUrl).toBe('https://chat.example.com');
});

test('TWO_FACTOR_KEY is optional, and refused when too short to be a key', () => {
  expect(loadConfig({}).twoFactorKey).toBeNull();
  expect(loadConfig({ TWO_FACTOR_KEY: 'k'.repeat(44) }).twoFactorKey).toBe('k'.repeat(44));
  expect(() => loadConfig({ TWO_FACTOR_KEY: 'short' })).toThrow(/TWO_FACTOR_KEY: must be at least 32 characters/);
});

test('message limits default to 30 a visitor and 120 an address a minute, and refuse zero', () => {
  expect(loadConfig({}).messageLimits).toEqual({ perVisitorPerMinute: 30, perAddressPerMinute: 120 });
  expect(loadConfig({ VISITOR_MESSAGES_PER_MINUTE: '600', ADDRESS_MESSAGES_PER_MINUTE: '900' }).messageLimits).toEqual({
    perVisitorPerMinute: 600,
    perAddressPerMinute: 900,
  });
  expect(() => loadConfig({ VISITOR_MESSAGES_PER_MINUTE: '0' })).toThrow(/VISITOR_MESSAGES_PER_MINUTE/);
});
