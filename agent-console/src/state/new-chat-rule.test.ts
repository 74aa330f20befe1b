import { AGENT, conversation } from '../test-support/fixtures';
import { isNewChatForAgent } from './new-chat-rule';

const me = AGENT.id;
const waiting = conversation();
const mine = { ...waiting, status: 'assigned' as const, assignedAgentId: me };
const theirs = { ...waiting, status: 'assigned' as const, assignedAgentId: 'agent-bob-00001' };
const resolved = { ...waiting, status: 'resolved' as const };

describe('new chat alert rule', () => {
  it.each([
    ['a visitor starts waiting', undefined, waiting, true],
    ['routing hands a fresh chat straight to me', undefined, mine, true],
    ['a colleague transfers their chat to me', theirs, mine, true],
    ['a colleague invites me', theirs, { ...theirs, participantAgentIds: [me] }, true],
    ['a colleague’s chat is handed back to the queue', theirs, waiting, true],
    ['I claim a waiting chat', waiting, mine, false],
    ['my chat is handed back to the queue', mine, waiting, false],
    ['a colleague takes a waiting chat', waiting, theirs, false],
    ['a chat is resolved', mine, resolved, false],
    ['a colleague’s new chat', undefined, theirs, false],
  ])('%s', (_case, before, after, expected) => {
    expect(isNewChatForAgent({ before, after, agentId: me })).toBe(expected);
  });
});
