/** Agents' credentials beyond sign-in: two-factor codes, password changes and resets. */
import { z } from 'zod';
import { EmailSchema } from './common';
import { AgentSchema, LoginResponseSchema, PASSWORD_MIN_LENGTH } from './agent';

/** A six-digit authenticator code, or a recovery code ("abcde-fghij"); spaces and dashes are ignored. */
export const SecondFactorCodeSchema = z.string().trim().min(6).max(32);

export const NewPasswordSchema = z.string().min(PASSWORD_MIN_LENGTH).max(256);

/** The password step's answer for an agent with two-factor sign-in: nothing is open yet. */
export const SecondFactorChallengeSchema = z.object({
  secondFactorRequired: z.literal(true),
  /**
   * The site requires two-step sign-in and this agent has not set it up: the challenge is good for
   * POST /api/agent/login/enrolment(/confirm) instead. Never a session either way.
   */
  enrolmentRequired: z.boolean(),
  /** Good only for POST /api/agent/login/second-factor (or the enrolment), for a few minutes. */
  challenge: z.string(),
  expiresAt: z.string(),
});
export type SecondFactorChallenge = z.infer<typeof SecondFactorChallengeSchema>;

/** POST /api/agent/login: a session, or (two-factor on) a challenge for the second step. */
export const PasswordSignInResponseSchema = z.union([LoginResponseSchema, SecondFactorChallengeSchema]);
export type PasswordSignInResponse = z.infer<typeof PasswordSignInResponseSchema>;

export function needsSecondFactor(answer: PasswordSignInResponse): answer is SecondFactorChallenge {
  return 'secondFactorRequired' in answer;
}

export const SecondFactorRequestSchema = z.strictObject({
  challenge: z.string().min(20).max(200),
  code: SecondFactorCodeSchema,
});
export type SecondFactorRequest = z.infer<typeof SecondFactorRequestSchema>;

/** Setting up two-step sign-in during sign-in (the site requires it). */
export const ChallengeRefSchema = z.strictObject({ challenge: z.string().min(20).max(200) });
export type ChallengeRef = z.infer<typeof ChallengeRefSchema>;

export const TwoFactorStatusSchema = z.object({
  enabled: z.boolean(),
  /** Unused recovery codes left (0 when two-factor sign-in is off). */
  recoveryCodesLeft: z.number().int().min(0),
});
export type TwoFactorStatus = z.infer<typeof TwoFactorStatusSchema>;

/** A new secret to scan; shown during enrolment only, never again once confirmed. */
export const TwoFactorEnrolmentSchema = z.object({
  /** Base32, for typing into an authenticator app by hand. */
  secret: z.string(),
  /** otpauth://totp/… as the QR code holds it. */
  otpauthUri: z.string(),
  /** The QR code of otpauthUri as an SVG document. */
  qrSvg: z.string(),
});
export type TwoFactorEnrolment = z.infer<typeof TwoFactorEnrolmentSchema>;

export const TwoFactorConfirmSchema = z.strictObject({ code: SecondFactorCodeSchema });
export type TwoFactorConfirm = z.infer<typeof TwoFactorConfirmSchema>;

/** Shown once, when two-factor sign-in is switched on; stored only as hashes. */
export const RecoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof RecoveryCodesSchema>;

/** Enrolment completed during sign-in: the session, and the recovery codes to show once first. */
export const EnrolledSignInSchema = LoginResponseSchema.extend(RecoveryCodesSchema.shape);
export type EnrolledSignIn = z.infer<typeof EnrolledSignInSchema>;

export const TwoFactorDisableSchema = z.strictObject({
  password: z.string().min(1).max(256),
  code: SecondFactorCodeSchema,
});
export type TwoFactorDisable = z.infer<typeof TwoFactorDisableSchema>;

export const PasswordChangeSchema = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: NewPasswordSchema,
});
export type PasswordChange = z.infer<typeof PasswordChangeSchema>;

export const PasswordForgotSchema = z.strictObject({
  email: EmailSchema,
  /** The console's language, for the e-mail. */
  locale: z.string().min(2).max(35).optional(),
});
export type PasswordForgot = z.infer<typeof PasswordForgotSchema>;

export const PasswordResetSchema = z.strictObject({
  token: z.string().min(20).max(200),
  newPassword: NewPasswordSchema,
});
export type PasswordReset = z.infer<typeof PasswordResetSchema>;

/** Admins' view of the team: which agents sign in with a second factor. */
export const TwoFactorAgentsSchema = z.object({ agentIds: z.array(AgentSchema.shape.id) });
export type TwoFactorAgents = z.infer<typeof TwoFactorAgentsSchema>;
