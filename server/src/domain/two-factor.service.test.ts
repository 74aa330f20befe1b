/** Two-factor sign-in without a network, on a fixed clock: enrolment, replay, recovery codes, switching off. */
import type { Agent } from '@parley/shared';
import { seedSite } from '../store/contract/seed';
import { useSqliteStoreForFile } from '../test-support/sqlite-store-for-file';
import type { Store } from '../store/store';
import { createAuthService } from './auth.service';
import { hashPassword } from './password';
import { createSecretBox } from './secret-box';
import { totpCode } from './totp';
import { createTwoFactorService, type TwoFactorService } from './two-factor.service';

const PASSWORD = 'two factor password';
const T0 = new Date('2030-01-01T10:00:05.000Z');

let store: Store;
let now: Date;
let service: TwoFactorService;
let agent: Agent;
const disconnected: { agentId: string; except: string | null }[] = [];

useSqliteStoreForFile((opened) => (store = opened));
beforeEach(async () => {
  now = T0;
  disconnected.length = 0;
  service = createTwoFactorService({
    store, box: createSecretBox('a test key that is long enough to be a key'), now: () => now,
    sessions: {
      disconnectAgent: (agentId, except) => disconnected.push({ agentId, except: except?.exceptSessionHash ?? null }),
      disconnectSession: () => undefined,
    },
  });
  const site = await seedSite(store);
  agent = await store.createAgent({ siteId: site.id, email: `tf-${Math.random().toString(36).slice(2)}@example.test`, name: 'Tara', role: 'agent', passwordHash: await hashPassword(PASSWORD) });
});

async function enrolled(): Promise<{ secret: string; recoveryCodes: string[] }> {
  const { secret } = await service.beginEnrolment(agent);
  const { recoveryCodes } = await service.confirmEnrolment(agent, { code: totpCode(secret, now), sessionHash: 'this-session' });
  return { secret, recoveryCodes };
}

const codeError = (promise: Promise<unknown>) => expect(promise).rejects.toMatchObject({ code: 'INVALID_CODE' });

test('enrolment stays off until a code from the new secret confirms it; the secret is kept sealed', async () => {
  const { secret, otpauthUri } = await service.beginEnrolment(agent);
  expect(otpauthUri).toContain(`secret=${secret}`);
  expect(await service.status(agent)).toEqual({ enabled: false, recoveryCodesLeft: 0 });
  expect((await store.findTwoFactor(agent.id))?.secretCipher).not.toContain(secret);
  await codeError(service.confirmEnrolment(agent, { code: '000000', sessionHash: 's' }));
  expect(await service.isEnabled(agent.id)).toBe(false);

  const { recoveryCodes } = await service.confirmEnrolment(agent, { code: totpCode(secret, now), sessionHash: 'this-session' });
  expect(recoveryCodes).toHaveLength(10);
  expect(new Set(recoveryCodes).size).toBe(10);
  expect(recoveryCodes[0]).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
  expect(await service.status(agent)).toEqual({ enabled: true, recoveryCodesLeft: 10 });
  // Sessions signed in with the password alone end; the one that enrolled stays.
  expect(disconnected).toEqual([{ agentId: agent.id, except: 'this-session' }]);
  await expect(service.beginEnrolment(agent)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
});

test('a code is accepted once: the same code again, or an older one, is refused', async () => {
  const { secret } = await enrolled();
  // The confirming code's step is used up already.
  await codeError(service.verify(agent.id, totpCode(secret, now)));
  now = new Date(T0.getTime() + 30_000);
  const next = totpCode(secret, now);
  await expect(service.verify(agent.id, next)).resolves.toBeUndefined();
  await codeError(service.verify(agent.id, next));
  // Still inside the ±1 step window, but before the last step used.
  await codeError(service.verify(agent.id, totpCode(secret, T0)));
  now = new Date(T0.getTime() + 60_000);
  await expect(service.verify(agent.id, totpCode(secret, now).replace(/^(...)/, '$1 '))).resolves.toBeUndefined();
});

test('a code from a clock too far off is refused', async () => {
  const { secret } = await enrolled();
  await codeError(service.verify(agent.id, totpCode(secret, new Date(T0.getTime() + 5 * 60_000))));
});

test('each recovery code works once, typed in any case and spacing', async () => {
  const { recoveryCodes } = await enrolled();
  const [first, second] = recoveryCodes as [string, string];
  await expect(service.verify(agent.id, first.toUpperCase().replace(/-/g, ' '))).resolves.toBeUndefined();
  await codeError(service.verify(agent.id, first));
  await expect(service.verify(agent.id, second)).resolves.toBeUndefined();
  expect(await service.status(agent)).toEqual({ enabled: true, recoveryCodesLeft: 8 });
  await codeError(service.verify(agent.id, 'aaaa-bbbb-cccc-dddd'));
});

test('switching off needs the password and a current code; an admin can reset it', async () => {
  const { secret } = await enrolled();
  now = new Date(T0.getTime() + 30_000);
  await expect(service.disable(agent, { password: 'wrong password', code: totpCode(secret, now) })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
  await codeError(service.disable(agent, { password: PASSWORD, code: '123456' }));
  await service.disable(agent, { password: PASSWORD, code: totpCode(secret, now) });
  expect(await service.status(agent)).toEqual({ enabled: false, recoveryCodesLeft: 0 });

  await enrolled();
  await expect(service.adminReset(agent, agent.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  const admin = await store.createAgent({ siteId: agent.siteId, email: `adm-${Math.random().toString(36).slice(2)}@example.test`, name: 'Ada', role: 'admin', passwordHash: 'x' });
  await store.createAgentSession({ tokenHash: 'tara-session', agentId: agent.id, expiresAt: new Date(T0.getTime() + 3600_000).toISOString() });
  expect(await service.listEnabled(admin)).toEqual([agent.id]);
  await service.adminReset(admin, agent.id);
  expect(await service.isEnabled(agent.id)).toBe(false);
  expect(await store.findAgentSession('tara-session')).toBeNull();
});

test('sign-in with two-factor on gives a challenge that is no session, and a code turns it into one, once', async () => {
  const { secret } = await enrolled();
  const auth = createAuthService({ store, sessionTtlMs: 3600_000, secondFactor: service, sessions: { disconnectSession: () => undefined }, now: () => now });
  const first = await auth.login({ email: agent.email, password: PASSWORD });
  if (!('secondFactorRequired' in first)) throw new Error('expected a challenge');
  await expect(auth.authenticate(first.challenge)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });

  now = new Date(T0.getTime() + 30_000);
  await codeError(auth.completeSecondFactor({ challenge: first.challenge, code: '999999' }));
  const session = await auth.completeSecondFactor({ challenge: first.challenge, code: totpCode(secret, now) });
  expect((await auth.authenticate(session.token)).id).toBe(agent.id);
  await expect(auth.completeSecondFactor({ challenge: first.challenge, code: totpCode(secret, now) })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });

  const late = await auth.login({ email: agent.email, password: PASSWORD });
  if (!('secondFactorRequired' in late)) throw new Error('expected a challenge');
  now = new Date(now.getTime() + 5 * 60_000 + 1);
  await expect(auth.completeSecondFactor({ challenge: late.challenge, code: totpCode(secret, now) })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
});
