// The panel mirrors a few runtime constants of @parley/shared so zod stays out of its bundle;
// these tests fail when the contract and the mirrors drift apart.
import {
  ATTACHMENT_CONTENT_TYPES,
  ATTACHMENT_HEADERS,
  MESSAGE_MAX_ATTACHMENTS,
  MESSAGE_MAX_LENGTH,
  UPLOAD_REFUSAL_PATHS,
  VISITOR_NAMESPACE,
  VISITOR_TOKEN_PATTERN,
  WEEKDAYS,
} from '@parley/shared';
import { ACCEPTED_FILES, FILE_HEADERS, MAX_FILES_PER_MESSAGE, REFUSAL_PATHS } from './attachment-transfer';
import { COMPOSER_MAX_LENGTH } from './components/Composer';
import { WEEK } from './opening-hours-format';
import { VISITOR_NAMESPACE_PATH } from './socket-transport';
import { VISITOR_TOKEN_FORMAT } from './visitor-token';

jest.mock('socket.io-client', () => ({ io: jest.fn() }));

describe('constants mirrored from @parley/shared', () => {
  it('match the contract', () => {
    expect(COMPOSER_MAX_LENGTH).toBe(MESSAGE_MAX_LENGTH);
    expect(VISITOR_NAMESPACE_PATH).toBe(VISITOR_NAMESPACE);
    expect(VISITOR_TOKEN_FORMAT.source).toBe(VISITOR_TOKEN_PATTERN.source);
    expect(WEEK).toEqual(WEEKDAYS);
    expect(FILE_HEADERS).toEqual(ATTACHMENT_HEADERS);
    expect(REFUSAL_PATHS).toEqual({
      tooLarge: UPLOAD_REFUSAL_PATHS.tooLarge,
      empty: UPLOAD_REFUSAL_PATHS.empty,
      typeNotAllowed: UPLOAD_REFUSAL_PATHS.typeNotAllowed,
    });
    expect(MAX_FILES_PER_MESSAGE).toBe(MESSAGE_MAX_ATTACHMENTS);
  });

  it('let the file chooser offer every type the server takes, by type or (Office files) by extension', () => {
    const accepted = ACCEPTED_FILES.split(',');
    const byExtension: Record<string, string> = {
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
    };
    for (const type of ATTACHMENT_CONTENT_TYPES) expect(accepted).toContain(byExtension[type] ?? type);
  });
});
