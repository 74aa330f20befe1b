/** The refusal of a name that must be unique in its scope and is another's already (compared regardless of case). */
import type { ParleyError } from '@parley/shared';
import { DomainError } from './domain-error';

export class AlreadyTakenError extends DomainError {
  /** `field` is the input field holding the name, the issue's path, so that clients show it there. */
  constructor(
    private readonly field: string,
    message: string,
  ) {
    super('ALREADY_TAKEN', message);
  }

  override toParleyError(): ParleyError {
    return { ...super.toParleyError(), issues: [{ path: this.field, message: this.message }] };
  }
}
