/** The one rule for an e-mail address: the zod schemas check with it, and so does the widget, which keeps zod out of its bundle. */

export const EMAIL_MAX_LENGTH = 254;

// zod's own e-mail pattern (`z.regexes.email`), held here so that a client without zod checks exactly what the server will.
export const EMAIL_PATTERN =
  /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

/** Whether the server will take this address (it trims it first, as this does). */
export function isEmailAddress(value: string): boolean {
  const address = value.trim();
  return address.length <= EMAIL_MAX_LENGTH && EMAIL_PATTERN.test(address);
}
