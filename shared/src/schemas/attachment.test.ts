/** Sending files: blank text only with files, at most five distinct ids, the text cap kept. */
import { parseInput } from '../validation';
import { MESSAGE_MAX_ATTACHMENTS } from './attachment';
import { AgentMessageSendSchema, MESSAGE_MAX_LENGTH, VisitorMessageSendSchema } from './message';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `attachment-id-${String(i).padStart(4, '0')}`);

test('blank text is refused without files, as before, and allowed with one', () => {
  expect(parseInput(VisitorMessageSendSchema, { clientId: 'client-0001', text: '   ' })).toMatchObject({
    ok: false, error: { issues: [{ path: 'text', message: 'must not be empty' }] },
  });
  expect(VisitorMessageSendSchema.safeParse({ clientId: 'client-0001', text: '', attachments: [] }).success).toBe(false);
  expect(VisitorMessageSendSchema.safeParse({ clientId: 'client-0001', text: '', attachments: ids(1) }).success).toBe(true);
  expect(AgentMessageSendSchema.safeParse({ conversationId: 'conversation-1', clientId: 'client-0001', text: '' }).success).toBe(false);
  expect(
    AgentMessageSendSchema.safeParse({ conversationId: 'conversation-1', clientId: 'client-0001', text: '', attachments: ids(1) }).success,
  ).toBe(true);
});

test('at most five files, none twice, and text keeps its length cap', () => {
  const send = (extra: object) => VisitorMessageSendSchema.safeParse({ clientId: 'client-0001', text: 'hi', ...extra }).success;
  expect(send({ attachments: ids(MESSAGE_MAX_ATTACHMENTS) })).toBe(true);
  expect(send({ attachments: ids(MESSAGE_MAX_ATTACHMENTS + 1) })).toBe(false);
  const [one = ''] = ids(1);
  expect(send({ attachments: [one, one] })).toBe(false);
  expect(send({ attachments: ['../../etc/passwd'] })).toBe(false);
  expect(send({ text: 'x'.repeat(MESSAGE_MAX_LENGTH + 1), attachments: ids(1) })).toBe(false);
  expect(send({ unknown: true })).toBe(false);
});
