/** The error codes every Parley client can show; the domain raises them, transports map them. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'SITE_NOT_FOUND',
  'CONVERSATION_NOT_FOUND',
  'CONVERSATION_CLOSED',
  'ALREADY_ASSIGNED',
  'CAPACITY_REACHED',
  'AGENT_NOT_FOUND',
  'INVALID_CREDENTIALS',
  /** A two-factor or recovery code that is wrong, already used, or too old. */
  'INVALID_CODE',
  /** A password-reset link that was used, has expired, or never existed. */
  'LINK_EXPIRED',
  'RATE_LIMITED',
  'NOT_FOUND',
  /** A department that still holds live work (or is the site's default) cannot be deleted yet. */
  'DEPARTMENT_IN_USE',
  /**
   * A name that must be unique in its scope is another's already, compared regardless of case: a
   * department's name on the site, a canned reply's shortcut among the replies of the same people.
   * `issues[0].path` names the field.
   */
  'ALREADY_TAKEN',
  /** Out of the site's opening hours no new live chat starts: the visitor leaves a message (the offline form) instead. */
  'SITE_CLOSED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ParleyError {
  code: ErrorCode;
  message: string;
  /** Field-level problems for VALIDATION_FAILED, keyed by dotted path. */
  issues?: { path: string; message: string }[];
  /** For RATE_LIMITED: whole seconds until the same request may succeed (clients wait, then try again). */
  retryAfterSeconds?: number;
}

/** Every request-style socket event answers through this acknowledgement. */
export type AckResult<T> = { ok: true; data: T } | { ok: false; error: ParleyError };

export type Ack<T> = (result: AckResult<T>) => void;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
