/**
 * Agents' credentials end to end on a real server: two-factor sign-in over HTTP and the socket
 * handshake, password change and deactivation ending other consoles, and the reset e-mail through
 * a real SMTP server with a link that works once.
 */
import { AGENT_NAMESPACE, type LoginResponse, type PasswordSignInResponse, type TwoFactorEnrolment } from '@parley/shared';
import os from 'node:os';
import pino from 'pino';
import { io } from 'socket.io-client';
import { hashPassword } from './domain/password';
import { totpCode } from './domain/totp';
import { createMailDelivery } from './mail/mail-delivery';
import { startSmtpSink, type SmtpSink } from './mail/smtp-sink';
import { connectAgent, login, unwrap, type AgentClient } from './test-support/clients';
import { startTestServer, type TestServer } from './test-support/test-server';

let server: TestServer;
let sink: SmtpSink;
/** Resolves when the next e-mail has been handed to the SMTP server. */
let nextMailDelivered: Promise<void> = Promise.resolve();
let markDelivered: () => void = () => undefined;
const expectNextMail = () => {
  nextMailDelivered = new Promise((resolve) => {
    markDelivered = resolve;
  });
};
let now = new Date();

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startTestServer({
    now: () => now,
    deliverMailWith: (store) => {
      const delivery = createMailDelivery({ store, logger: pino({ level: 'silent' }), smtpUrl: sink.url, dataDir: os.tmpdir(), from: 'Parley <no-reply@parley.test>' });
      return {
        async enqueue(request) {
          await delivery.mailer.enqueue(request);
          await delivery.dispatcher.runOnce();
          markDelivered();
        },
      };
    },
  });
});
afterAll(async () => {
  await server.stop();
  await sink.close();
});

async function newAgent(role: 'agent' | 'admin' = 'agent', password = 'credentials password') {
  const email = `cred.${Math.random().toString(36).slice(2)}@example.test`;
  const agent = await server.store.createAgent({ siteId: server.site.id, email, name: 'Cora', role, passwordHash: await hashPassword(password), languages: ['ru'] });
  return { agent, email, password };
}

async function post<T>(path: string, body: unknown, token?: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as T };
}

async function handshakeError(token: string): Promise<string | undefined> {
  const socket = io(`${server.url}${AGENT_NAMESPACE}`, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
  const error = await new Promise<Error & { data?: { code?: string } }>((resolve) => socket.once('connect_error', resolve));
  socket.disconnect();
  return error.data?.code;
}

const disconnection = (socket: AgentClient) => new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

async function enableTwoFactor(token: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const enrolment = await post<TwoFactorEnrolment>('/api/agent/account/two-factor/enrolment', {}, token);
  expect(enrolment.status).toBe(200);
  expect(enrolment.body.qrSvg).toMatch(/^<svg/);
  const { secret } = enrolment.body;
  const confirmed = await post<{ recoveryCodes: string[] }>('/api/agent/account/two-factor/enrolment/confirm', { code: totpCode(secret, now) }, token);
  expect(confirmed.status).toBe(200);
  return { secret, recoveryCodes: confirmed.body.recoveryCodes };
}

describe('two-factor sign-in', () => {
  test('the password alone opens nothing: no REST call, no socket; a code completes it once', async () => {
    const { email, password } = await newAgent();
    const { token: firstToken } = await login(server.url, email, password);
    const { secret } = await enableTwoFactor(firstToken);

    const step = await post<PasswordSignInResponse>('/api/agent/login', { email, password });
    expect(step.status).toBe(200);
    expect(step.body).toEqual({ secondFactorRequired: true, enrolmentRequired: false, challenge: expect.any(String), expiresAt: expect.any(String) });
    if (!('challenge' in step.body)) throw new Error('no challenge');
    const { challenge } = step.body;
    expect(step.body).not.toHaveProperty('token');

    const me = await fetch(`${server.url}/api/agent/me`, { headers: { authorization: `Bearer ${challenge}` } });
    expect(me.status).toBe(401);
    expect(await handshakeError(challenge)).toBe('UNAUTHENTICATED');

    const wrong = await post<{ error: { code: string } }>('/api/agent/login/second-factor', { challenge, code: '000000' });
    expect([wrong.status, wrong.body.error.code]).toEqual([401, 'INVALID_CODE']);

    now = new Date(now.getTime() + 30_000);
    const code = totpCode(secret, now);
    const done = await post<LoginResponse>('/api/agent/login/second-factor', { challenge, code });
    expect(done.status).toBe(200);
    const socket = await connectAgent(server.url, done.body.token);
    expect(socket.connected).toBe(true);
    socket.disconnect();

    // The same code cannot open a second session, even with a fresh challenge.
    const again = await post<{ challenge: string }>('/api/agent/login', { email, password });
    const replay = await post<{ error: { code: string } }>('/api/agent/login/second-factor', { challenge: again.body.challenge, code });
    expect(replay.body.error.code).toBe('INVALID_CODE');
  });

  test('wrong codes lock the second step like wrong passwords: then even the right code is refused', async () => {
    const { email, password } = await newAgent();
    const { secret } = await enableTwoFactor((await login(server.url, email, password)).token);
    const { body } = await post<{ challenge: string }>('/api/agent/login', { email, password });
    const codes: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      codes.push((await post<{ error: { code: string } }>('/api/agent/login/second-factor', { challenge: body.challenge, code: `00000${i}` })).body.error.code);
    }
    expect(codes).toEqual(['INVALID_CODE', 'INVALID_CODE', 'INVALID_CODE', 'INVALID_CODE', 'INVALID_CODE']);
    now = new Date(now.getTime() + 30_000);
    const locked = await post<{ error: { code: string } }>('/api/agent/login/second-factor', { challenge: body.challenge, code: totpCode(secret, now) });
    expect([locked.status, locked.body.error.code]).toEqual([429, 'RATE_LIMITED']);
  });

  test('an admin resets an agent’s two-factor: the agent signs in with the password again', async () => {
    const { email, password } = await newAgent();
    await enableTwoFactor((await login(server.url, email, password)).token);
    const admin = await login(server.url, server.admin.email, server.admin.password);
    const agentId = (await server.store.findAgentWithSecretByEmail(email))?.id;
    const listed = await fetch(`${server.url}/api/admin/agents/two-factor`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(((await listed.json()) as { agentIds: string[] }).agentIds).toContain(agentId);
    const reset = await fetch(`${server.url}/api/admin/agents/${agentId}/two-factor`, { method: 'DELETE', headers: { authorization: `Bearer ${admin.token}` } });
    expect(reset.status).toBe(204);
    expect(await login(server.url, email, password)).toEqual(expect.objectContaining({ token: expect.any(String) }));
  });
});

describe('a site that requires two-step sign-in', () => {
  test('an admin must have it first; agents without it are signed out, set it up at sign-in, and cannot switch it off', async () => {
    const site = await server.store.createSite({ key: `site_required_${Math.random().toString(36).slice(2)}`, name: 'Strict shop' });
    const password = 'strict site password';
    const make = async (role: 'admin' | 'agent') => {
      const email = `strict.${role}.${Math.random().toString(36).slice(2)}@example.test`;
      await server.store.createAgent({ siteId: site.id, email, name: role, role, passwordHash: await hashPassword(password) });
      return email;
    };
    const adminEmail = await make('admin');
    const agentEmail = await make('agent');
    const admin = await login(server.url, adminEmail, password);
    const require = () =>
      fetch(`${server.url}/api/admin/site/settings`, {
        method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` }, body: JSON.stringify({ requireTwoFactor: true }),
      });
    expect((await require()).status).toBe(400);
    await enableTwoFactor(admin.token);

    const before = await login(server.url, agentEmail, password);
    const socket = await connectAgent(server.url, before.token);
    const gone = disconnection(socket);
    expect((await require()).status).toBe(200);
    expect(await gone).toBe('io server disconnect');
    expect(await handshakeError(before.token)).toBe('UNAUTHENTICATED');

    const step = await post<{ enrolmentRequired: boolean; challenge: string }>('/api/agent/login', { email: agentEmail, password });
    expect(step.body).toMatchObject({ secondFactorRequired: true, enrolmentRequired: true });
    expect(await handshakeError(step.body.challenge)).toBe('UNAUTHENTICATED');
    const enrolment = await post<TwoFactorEnrolment>('/api/agent/login/enrolment', { challenge: step.body.challenge });
    expect(enrolment.body.qrSvg).toMatch(/^<svg/);
    const wrong = await post<{ error: { code: string } }>('/api/agent/login/enrolment/confirm', { challenge: step.body.challenge, code: '000000' });
    expect(wrong.body.error.code).toBe('INVALID_CODE');
    const done = await post<LoginResponse & { recoveryCodes: string[] }>('/api/agent/login/enrolment/confirm', {
      challenge: step.body.challenge, code: totpCode(enrolment.body.secret, now),
    });
    expect(done.status).toBe(200);
    expect(done.body.recoveryCodes).toHaveLength(10);
    (await connectAgent(server.url, done.body.token)).disconnect();

    now = new Date(now.getTime() + 30_000);
    const off = await post<{ error: { code: string } }>('/api/agent/account/two-factor/disable', { password, code: totpCode(enrolment.body.secret, now) }, done.body.token);
    expect([off.status, off.body.error.code]).toEqual([403, 'FORBIDDEN']);
    // From now on the agent signs in with a code, like any two-step agent.
    expect((await post('/api/agent/login', { email: agentEmail, password })).body).toMatchObject({ enrolmentRequired: false });
  });
});

describe('password change and deactivation', () => {
  test('a password change ends the agent’s other sessions and their live consoles, and keeps the one it came from', async () => {
    const { email, password } = await newAgent();
    const here = await login(server.url, email, password);
    const elsewhere = await login(server.url, email, password);
    const hereSocket = await connectAgent(server.url, here.token);
    const elsewhereSocket = await connectAgent(server.url, elsewhere.token);
    const elsewhereGone = disconnection(elsewhereSocket);

    const wrong = await post<{ error: { code: string } }>('/api/agent/account/password', { currentPassword: 'not it at all', newPassword: 'a brand new password' }, here.token);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    const short = await post<{ error: { code: string } }>('/api/agent/account/password', { currentPassword: password, newPassword: 'short' }, here.token);
    expect(short.body.error.code).toBe('VALIDATION_FAILED');
    const same = await post<{ error: { code: string; issues?: { path: string }[] } }>('/api/agent/account/password', { currentPassword: password, newPassword: password }, here.token);
    expect([same.status, same.body.error.code, same.body.error.issues?.[0]?.path]).toEqual([400, 'VALIDATION_FAILED', 'newPassword']);
    const changed = await post('/api/agent/account/password', { currentPassword: password, newPassword: 'a brand new password' }, here.token);
    expect(changed.status).toBe(204);

    expect(await elsewhereGone).toBe('io server disconnect');
    expect(await handshakeError(elsewhere.token)).toBe('UNAUTHENTICATED');
    expect(unwrap(await hereSocket.emitWithAck('agent:list', {})).length).toBeGreaterThan(0);
    expect(hereSocket.connected).toBe(true);
    hereSocket.disconnect();
    await expect(login(server.url, email, password)).rejects.toThrow(/401/);
    expect(await login(server.url, email, 'a brand new password')).toEqual(expect.objectContaining({ token: expect.any(String) }));
  });

  test('wrong current passwords on the account page lock password changes for a while', async () => {
    const { email, password } = await newAgent();
    const { token } = await login(server.url, email, password);
    const change = (currentPassword: string) =>
      post<{ error?: { code: string } }>('/api/agent/account/password', { currentPassword, newPassword: 'guessed new password' }, token);
    for (let i = 0; i < 5; i += 1) expect((await change(`wrong guess ${i}`)).body.error?.code).toBe('INVALID_CREDENTIALS');
    const locked = await change(password);
    expect([locked.status, locked.body.error?.code]).toEqual([429, 'RATE_LIMITED']);
  });

  test('deactivation ends every session and live console of the agent', async () => {
    const { agent, email, password } = await newAgent();
    const session = await login(server.url, email, password);
    const socket = await connectAgent(server.url, session.token);
    const gone = disconnection(socket);
    const admin = await login(server.url, server.admin.email, server.admin.password);
    const response = await fetch(`${server.url}/api/admin/agents/${agent.id}`, {
      method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` }, body: JSON.stringify({ active: false }),
    });
    expect(response.status).toBe(200);
    expect(await gone).toBe('io server disconnect');
    expect(await handshakeError(session.token)).toBe('UNAUTHENTICATED');
    expect((await fetch(`${server.url}/api/agent/me`, { headers: { authorization: `Bearer ${session.token}` } })).status).toBe(401);
  });
});

describe('signing out and the end of a session', () => {
  test('signing out ends that session’s live consoles at once, on its other tabs too; the agent’s other sessions stay', async () => {
    const { email, password } = await newAgent();
    const leaving = await login(server.url, email, password);
    const staying = await login(server.url, email, password);
    const leavingTab = await connectAgent(server.url, leaving.token);
    const otherTabOfLeaving = await connectAgent(server.url, leaving.token);
    const stayingSocket = await connectAgent(server.url, staying.token);
    const gone = [disconnection(leavingTab), disconnection(otherTabOfLeaving)];

    expect((await post('/api/agent/logout', {}, leaving.token)).status).toBe(204);

    expect(await Promise.all(gone)).toEqual(['io server disconnect', 'io server disconnect']);
    expect(await handshakeError(leaving.token)).toBe('UNAUTHENTICATED');
    expect(unwrap(await stayingSocket.emitWithAck('agent:list', {})).length).toBeGreaterThan(0);
    stayingSocket.disconnect();
  });

  test('a console is let go when its session ends, and cannot come back with it', async () => {
    const { email, password } = await newAgent();
    const started = now;
    try {
      const session = await login(server.url, email, password);
      // The test server's sessions last an hour; connect a second before the end, then let it pass.
      now = new Date(started.getTime() + 3600_000 - 1000);
      const socket = await connectAgent(server.url, session.token);
      const gone = disconnection(socket);
      now = new Date(started.getTime() + 3600_000 + 1);
      expect(await gone).toBe('io server disconnect');
      expect(await handshakeError(session.token)).toBe('UNAUTHENTICATED');
    } finally {
      now = started;
    }
  });
});

describe('forgotten password', () => {
  test('the same answer for a known and an unknown e-mail; the e-mailed link works once and signs out everywhere', async () => {
    const { email, password } = await newAgent();
    const old = await login(server.url, email, password);
    const oldSocket = await connectAgent(server.url, old.token);
    const oldGone = disconnection(oldSocket);
    const before = sink.messages.length;

    const unknown = await post('/api/agent/password/forgot', { email: 'nobody.here@example.test' });
    expectNextMail();
    const known = await post('/api/agent/password/forgot', { email, locale: 'ru' });
    expect(known).toEqual(unknown);
    expect(known).toEqual({ status: 202, body: {} });
    await nextMailDelivered;

    expect(sink.messages.length - before).toBe(1);
    const mail = sink.messages.at(-1);
    expect(mail?.to).toMatchObject({ value: [{ address: email }] });
    expect(mail?.subject).toBe(`Сброс пароля в ${server.site.name}`);
    const link = /http:\/\/127\.0\.0\.1\/console\/#\/reset-password\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? '');
    expect(link).not.toBeNull();
    const token = link?.[1] ?? '';

    expect((await post('/api/agent/password/reset', { token, newPassword: 'short' })).status).toBe(400);
    expect((await post('/api/agent/password/reset', { token, newPassword: 'reset password here' })).status).toBe(204);
    const second = await post<{ error: { code: string } }>('/api/agent/password/reset', { token, newPassword: 'another password here' });
    expect([second.status, second.body.error.code]).toEqual([410, 'LINK_EXPIRED']);

    expect(await oldGone).toBe('io server disconnect');
    expect(await handshakeError(old.token)).toBe('UNAUTHENTICATED');
    expect(await login(server.url, email, 'reset password here')).toEqual(expect.objectContaining({ token: expect.any(String) }));
  });

  test('at most three reset e-mails an hour per account; further requests get the same answer and send nothing', async () => {
    const { email } = await newAgent();
    const mailsTo = () => server.mailer.sent.filter((mail) => mail.to === email).length;
    for (let i = 0; i < 3; i += 1) {
      expectNextMail();
      expect(await post('/api/agent/password/forgot', { email })).toEqual({ status: 202, body: {} });
      await nextMailDelivered;
    }
    expect(await post('/api/agent/password/forgot', { email })).toEqual({ status: 202, body: {} });
    // A later request for another account is delivered; an e-mail for the refused one would have been queued first.
    expectNextMail();
    await post('/api/agent/password/forgot', { email: (await newAgent()).email });
    await nextMailDelivered;
    expect(mailsTo()).toBe(3);
  });

  test('a link is refused after an hour, and an admin can send one', async () => {
    const { agent } = await newAgent();
    const admin = await login(server.url, server.admin.email, server.admin.password);
    expectNextMail();
    const sent = await post(`/api/admin/agents/${agent.id}/password-reset`, {}, admin.token);
    expect(sent.status).toBe(202);
    await nextMailDelivered;
    const token = /reset-password\/([A-Za-z0-9_-]+)/.exec(sink.messages.at(-1)?.text ?? '')?.[1] ?? '';
    expect(sink.messages.at(-1)?.to).toMatchObject({ value: [{ address: agent.email }] });
    now = new Date(now.getTime() + 60 * 60_000 + 1000);
    const late = await post<{ error: { code: string } }>('/api/agent/password/reset', { token, newPassword: 'too late a password' });
    expect(late.body.error.code).toBe('LINK_EXPIRED');
  });
});
