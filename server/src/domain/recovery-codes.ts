/** One-time recovery codes for two-factor sign-in: about 79 random bits each, shown once, kept as hashes. */
import { randomInt } from 'node:crypto';
import { hashToken } from '../tokens';

// 31 letters and digits without the look-alikes (0/o, 1/l/i), so a code copied by hand still works.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const GROUPS = 4;
const GROUP_LENGTH = 4;
export const RECOVERY_CODE_COUNT = 10;

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const group = () => Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return Array.from({ length: count }, () => Array.from({ length: GROUPS }, group).join('-'));
}

/** As typed: any case, with or without spaces and dashes. */
export function normaliseCode(typed: string): string {
  return typed.toLowerCase().replace(/[\s-]+/g, '');
}

export function hashRecoveryCode(code: string): string {
  return hashToken(`recovery:${normaliseCode(code)}`);
}
