/** The error an upload is refused with: VALIDATION_FAILED, its issue path saying why (see UPLOAD_REFUSAL_PATHS). */
import { UPLOAD_REFUSAL_PATHS, type UploadRefusal } from '@parley/shared';
import { DomainError } from '../domain/domain-error';

export class UploadRefused extends DomainError {
  constructor(
    readonly reason: UploadRefusal,
    message: string,
  ) {
    super('VALIDATION_FAILED', message, { field: UPLOAD_REFUSAL_PATHS[reason] });
  }
}
