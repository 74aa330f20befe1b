// The panel mirrors a few runtime constants of @parley/shared so zod stays out of its bundle;
// these tests fail when the contract and the mirrors drift apart.
import { MESSAGE_MAX_LENGTH, VISITOR_NAMESPACE, VISITOR_TOKEN_PATTERN, WEEKDAYS } from '@parley/shared';
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
  });
});
