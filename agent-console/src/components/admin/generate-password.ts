/** A first password for a new agent: random, long, without look-alike characters (0/O, 1/l/I). */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const GENERATED_PASSWORD_LENGTH = 16;

export function generatePassword(
  random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b),
): string {
  let password = '';
  // Rejection sampling keeps every character equally likely (256 is not a multiple of 56).
  const limit = 256 - (256 % ALPHABET.length);
  while (password.length < GENERATED_PASSWORD_LENGTH) {
    for (const byte of random(new Uint8Array(GENERATED_PASSWORD_LENGTH))) {
      if (byte < limit && password.length < GENERATED_PASSWORD_LENGTH)
        password += ALPHABET[byte % ALPHABET.length];
    }
  }
  return password;
}
