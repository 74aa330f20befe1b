/** RFC 6238 time-based one-time codes (SHA-1, 6 digits, 30 s), through otpauth; steps are what replay protection records. */
import { Secret, TOTP } from 'otpauth';

const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** One step either side: a phone clock 30 s off, or a code typed as it turned over, still works. */
const WINDOW = 1;

function totpOf(secretBase32: string, label = 'agent', issuer = 'Parley'): TOTP {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: DIGITS, period: PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });
}

/** A new 160-bit secret, base32 as authenticator apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** otpauth://totp/Issuer:account?secret=…, the text a QR code carries to the app. */
export function totpUri(input: { secret: string; account: string; issuer: string }): string {
  return totpOf(input.secret, input.account, input.issuer).toString();
}

/** The code an authenticator app shows at `at` (tests and the e2e test type it). */
export function totpCode(secret: string, at: Date): string {
  return totpOf(secret).generate({ timestamp: at.getTime() });
}

/** The time step a six-digit code belongs to, within one step of `now`; null when it matches none. */
export function totpStepOf(input: { secret: string; code: string; now: Date }): number | null {
  if (!/^\d{6}$/.test(input.code)) return null;
  const timestamp = input.now.getTime();
  const delta = totpOf(input.secret).validate({ token: input.code, timestamp, window: WINDOW });
  return delta === null ? null : TOTP.counter({ period: PERIOD_SECONDS, timestamp }) + delta;
}
