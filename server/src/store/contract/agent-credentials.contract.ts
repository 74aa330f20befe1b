/** Contract: agents' credentials — two-factor enrolment, replay-proof steps, single-use recovery codes and reset links. */
import type { ContractContext } from './context';
import { seedAgent, seedSite } from './seed';

const T0 = Date.parse('2030-01-01T10:00:00.000Z');
const at = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();

export function agentCredentialsContract(ctx: ContractContext): void {
  async function agentId(): Promise<string> {
    const site = await seedSite(ctx.store);
    return (await seedAgent(ctx.store, site.id)).id;
  }

  async function enabledAgent(): Promise<string> {
    const id = await agentId();
    await ctx.store.beginTwoFactorEnrolment({ agentId: id, secretCipher: 'cipher-1' });
    await ctx.store.enableTwoFactor({ agentId: id, step: 100, recoveryCodeHashes: ['h1', 'h2'], at: at(0) });
    return id;
  }

  describe('agent credentials', () => {
    it('changes a password hash and ends every other session of the agent only', async () => {
      const id = await agentId();
      const other = await agentId();
      expect(await ctx.store.setAgentPasswordHash(id, 'scrypt$new')).toBe(true);
      expect((await ctx.store.findAgentWithSecretById(id))?.passwordHash).toBe('scrypt$new');
      expect(await ctx.store.setAgentPasswordHash('Zq3xMissingId00000000001', 'x')).toBe(false);
      for (const [tokenHash, agent] of [['mine', id], ['elsewhere', id], ['theirs', other]] as const) {
        await ctx.store.createAgentSession({ tokenHash, agentId: agent, expiresAt: at(3600) });
      }
      await ctx.store.deleteAgentSessionsExcept(id, 'mine');
      expect(await ctx.store.findAgentSession('mine')).not.toBeNull();
      expect(await ctx.store.findAgentSession('elsewhere')).toBeNull();
      expect(await ctx.store.findAgentSession('theirs')).not.toBeNull();
    });

    it('keeps an enrolment off until confirmed, then refuses a new enrolment', async () => {
      const id = await agentId();
      expect(await ctx.store.findTwoFactor(id)).toBeNull();
      expect(await ctx.store.beginTwoFactorEnrolment({ agentId: id, secretCipher: 'first' })).toBe(true);
      expect(await ctx.store.beginTwoFactorEnrolment({ agentId: id, secretCipher: 'second' })).toBe(true);
      expect(await ctx.store.findTwoFactor(id)).toEqual({ agentId: id, secretCipher: 'second', enabledAt: null, lastUsedStep: null, recoveryCodesLeft: 0 });
      expect(await ctx.store.listTwoFactorAgentIds([id])).toEqual([]);
      expect(await ctx.store.claimTwoFactorStep({ agentId: id, step: 5 })).toBe(false);

      expect(await ctx.store.enableTwoFactor({ agentId: id, step: 7, recoveryCodeHashes: ['a', 'b', 'c'], at: at(0) })).toBe(true);
      expect(await ctx.store.enableTwoFactor({ agentId: id, step: 8, recoveryCodeHashes: ['d'], at: at(1) })).toBe(false);
      expect(await ctx.store.findTwoFactor(id)).toEqual({ agentId: id, secretCipher: 'second', enabledAt: at(0), lastUsedStep: 7, recoveryCodesLeft: 3 });
      expect(await ctx.store.beginTwoFactorEnrolment({ agentId: id, secretCipher: 'attacker' })).toBe(false);
      expect((await ctx.store.findTwoFactor(id))?.secretCipher).toBe('second');
      expect(await ctx.store.listTwoFactorAgentIds([id, await agentId()])).toEqual([id]);
    });

    it('accepts each time step once and never an earlier one, even when raced', async () => {
      const id = await enabledAgent();
      expect(await ctx.store.claimTwoFactorStep({ agentId: id, step: 100 })).toBe(false);
      expect(await ctx.store.claimTwoFactorStep({ agentId: id, step: 99 })).toBe(false);
      const raced = await Promise.all(Array.from({ length: 5 }, () => ctx.store.claimTwoFactorStep({ agentId: id, step: 101 })));
      expect(raced.filter(Boolean)).toHaveLength(1);
      expect((await ctx.store.findTwoFactor(id))?.lastUsedStep).toBe(101);
    });

    it('uses a recovery code up once, and forgets everything when two-factor goes off', async () => {
      const id = await enabledAgent();
      const raced = await Promise.all([1, 2, 3].map(() => ctx.store.consumeRecoveryCode({ agentId: id, codeHash: 'h1' })));
      expect(raced.filter(Boolean)).toHaveLength(1);
      expect(await ctx.store.consumeRecoveryCode({ agentId: id, codeHash: 'unknown' })).toBe(false);
      expect(await ctx.store.consumeRecoveryCode({ agentId: await enabledAgent(), codeHash: 'h1' })).toBe(true);
      expect((await ctx.store.findTwoFactor(id))?.recoveryCodesLeft).toBe(1);
      await ctx.store.deleteTwoFactor(id);
      expect(await ctx.store.findTwoFactor(id)).toBeNull();
      expect(await ctx.store.consumeRecoveryCode({ agentId: id, codeHash: 'h2' })).toBe(false);
    });

    it('completes a sign-in challenge once', async () => {
      const id = await agentId();
      await ctx.store.createSignInChallenge({ tokenHash: 'challenge', agentId: id, expiresAt: at(300) });
      expect(await ctx.store.findSignInChallenge('challenge')).toEqual({ agentId: id, expiresAt: at(300) });
      expect(await ctx.store.findAgentSession('challenge')).toBeNull();
      const raced = await Promise.all([1, 2].map(() => ctx.store.deleteSignInChallenge('challenge')));
      expect(raced.filter(Boolean)).toHaveLength(1);
      expect(await ctx.store.findSignInChallenge('challenge')).toBeNull();
    });

    it('gives a reset link to one caller only, and not after it expired', async () => {
      const id = await agentId();
      await ctx.store.createPasswordReset({ tokenHash: 'reset', agentId: id, expiresAt: at(3600) });
      const raced = await Promise.all([1, 2].map(() => ctx.store.consumePasswordReset('reset', at(10))));
      expect(raced).toEqual(expect.arrayContaining([null, { agentId: id, expiresAt: at(3600) }]));
      await ctx.store.createPasswordReset({ tokenHash: 'late', agentId: id, expiresAt: at(3600) });
      expect(await ctx.store.consumePasswordReset('late', at(3600))).toBeNull();
      expect(await ctx.store.consumePasswordReset('never', at(0))).toBeNull();
    });

    it('purges expired challenges and reset links only', async () => {
      const id = await agentId();
      await ctx.store.createSignInChallenge({ tokenHash: 'old', agentId: id, expiresAt: at(60) });
      await ctx.store.createPasswordReset({ tokenHash: 'old-reset', agentId: id, expiresAt: at(60) });
      await ctx.store.createSignInChallenge({ tokenHash: 'fresh', agentId: id, expiresAt: at(600) });
      await ctx.store.purgeExpiredCredentialTokens(at(120));
      expect(await ctx.store.findSignInChallenge('old')).toBeNull();
      expect(await ctx.store.consumePasswordReset('old-reset', at(0))).toBeNull();
      expect(await ctx.store.findSignInChallenge('fresh')).not.toBeNull();
    });
  });
}
