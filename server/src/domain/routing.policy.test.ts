/** Who gets a waiting chat: department, language, capacity, presence, fairness. */
import type { Agent } from '@parley/shared';
import type { AgentLoad, QueuedConversation } from '../store/store';
import { chooseAgent, estimateWaitSeconds } from './routing.policy';

const agent = (id: string, overrides: Partial<Agent> = {}): Agent => ({
  id, siteId: 'site-0001', email: `${id}@x.test`, name: id, role: 'agent', status: 'online', active: true,
  departmentIds: [], languages: [], maxChats: 2, ...overrides,
});

const waiting = (overrides: Partial<QueuedConversation> = {}): QueuedConversation => ({
  id: 'conv-0001', siteId: 'site-0001', visitorId: 'visitor-01', visitorName: null, status: 'queued',
  assignedAgentId: null, participantAgentIds: [], departmentId: null, locale: null, lastSeq: 1,
  createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', lastMessageAt: '2026-01-01T00:00:00.000Z',
  lastMessagePreview: null,
  queuedAt: '2026-01-01T00:00:00.000Z', assignedAt: null, firstResponseAt: null, awaitingAgentSince: null, resolvedAt: null,
  ticketId: null, rating: null, ratingComment: null, visitorLeftAt: null, declinedAgentIds: [],
  ...overrides,
});

const loads = (entries: [string, number, string | null][]): Map<string, AgentLoad> =>
  new Map(entries.map(([agentId, activeChats, lastAssignedAt]) => [agentId, { agentId, activeChats, lastAssignedAt }]));

test('the least loaded online agent gets the chat', () => {
  const chosen = chooseAgent(waiting(), {
    agents: [agent('busy0001'), agent('free0001')],
    loads: loads([['busy0001', 1, null], ['free0001', 0, null]]),
    defaultDepartmentId: null,
  });
  expect(chosen?.id).toBe('free0001');
});

test('among equally loaded agents, the one idle longest is next (round robin)', () => {
  const chosen = chooseAgent(waiting(), {
    agents: [agent('recent01'), agent('idle0001')],
    loads: loads([['recent01', 1, '2026-01-01T10:00:00.000Z'], ['idle0001', 1, '2026-01-01T09:00:00.000Z']]),
    defaultDepartmentId: null,
  });
  expect(chosen?.id).toBe('idle0001');
});

test('away, offline, deactivated and full agents are never chosen', () => {
  const chosen = chooseAgent(waiting(), {
    agents: [
      agent('away0001', { status: 'away' }),
      agent('off00001', { status: 'offline' }),
      agent('gone0001', { active: false }),
      agent('full0001', { maxChats: 1 }),
    ],
    loads: loads([['full0001', 1, null]]),
    defaultDepartmentId: null,
  });
  expect(chosen).toBeNull();
});

test('only agents of the conversation department (or of every department) are chosen', () => {
  const candidates = {
    agents: [agent('sales001', { departmentIds: ['dept-sales'] }), agent('support1', { departmentIds: ['dept-supp'] })],
    loads: loads([]),
    defaultDepartmentId: null,
  };
  expect(chooseAgent(waiting({ departmentId: 'dept-supp' }), candidates)?.id).toBe('support1');
  const generalist = { ...candidates, agents: [...candidates.agents, agent('general1')] };
  expect(chooseAgent(waiting({ departmentId: 'dept-none' }), generalist)?.id).toBe('general1');
});

test('the site default department applies when the visitor chose none', () => {
  const chosen = chooseAgent(waiting(), {
    agents: [agent('sales001', { departmentIds: ['dept-sales'] }), agent('support1', { departmentIds: ['dept-supp'] })],
    loads: loads([['support1', 0, null], ['sales001', 0, '2026-01-01T00:00:00.000Z']]),
    defaultDepartmentId: 'dept-sales',
  });
  expect(chosen?.id).toBe('sales001');
});

test('a speaker of the visitor language comes first; a full speaker means waiting for them', () => {
  const base = { agents: [agent('english1', { languages: ['en'] }), agent('russian1', { languages: ['ru', 'en'] })], defaultDepartmentId: null };
  expect(chooseAgent(waiting({ locale: 'ru-RU' }), { ...base, loads: loads([['russian1', 1, null]]) })?.id).toBe('russian1');
  const fullSpeaker = loads([['russian1', 2, null]]);
  expect(chooseAgent(waiting({ locale: 'ru' }), { ...base, loads: fullSpeaker })).toBeNull();
});

test('an agent with no languages set takes any language: a full speaker does not make the visitor wait while they are free', () => {
  const agents = [agent('english1', { languages: ['en'] }), agent('anyLang1', { languages: [] })];
  const englishFull = loads([['english1', 2, null]]);
  for (const locale of ['en-GB', 'de-DE', 'ja']) {
    expect(chooseAgent(waiting({ locale }), { agents, loads: englishFull, defaultDepartmentId: null })?.id).toBe('anyLang1');
  }
  // Among free speakers, the least loaded as ever: the any-language agent is one of them.
  const anyLangBusier = loads([['english1', 0, null], ['anyLang1', 1, null]]);
  expect(chooseAgent(waiting({ locale: 'en' }), { agents, loads: anyLangBusier, defaultDepartmentId: null })?.id).toBe('english1');
  // Nobody lists German: anyone online answers, as before, and a full any-language agent is no reason to wait.
  const anyLangFull = loads([['anyLang1', 2, null]]);
  expect(chooseAgent(waiting({ locale: 'de' }), { agents, loads: anyLangFull, defaultDepartmentId: null })?.id).toBe('english1');
  // A full English speaker and a full any-language agent: the English visitor waits, as with a full speaker alone.
  const bothFull = loads([['english1', 2, null], ['anyLang1', 2, null]]);
  expect(chooseAgent(waiting({ locale: 'en' }), { agents: [...agents, agent('russian1', { languages: ['ru'] })], loads: bothFull, defaultDepartmentId: null })).toBeNull();
});

test('when nobody online speaks the language, any online agent answers', () => {
  const chosen = chooseAgent(waiting({ locale: 'be' }), {
    agents: [agent('english1', { languages: ['en'] })], loads: loads([]), defaultDepartmentId: null,
  });
  expect(chosen?.id).toBe('english1');
});

test('an agent who let the chat time out is passed over while someone else fits', () => {
  const candidates = { agents: [agent('slow0001'), agent('other001')], loads: loads([['other001', 1, null]]), defaultDepartmentId: null };
  expect(chooseAgent(waiting({ declinedAgentIds: ['slow0001'] }), candidates)?.id).toBe('other001');
  const alone = { ...candidates, agents: [agent('slow0001')] };
  expect(chooseAgent(waiting({ declinedAgentIds: ['slow0001'] }), alone)?.id).toBe('slow0001');
});

test('the wait estimate grows with the place in the queue', () => {
  expect(estimateWaitSeconds(1, [])).toBe(60);
  expect(estimateWaitSeconds(3, [40, 50, 200])).toBe(150);
  expect(estimateWaitSeconds(2, [1, 2, 3])).toBe(60);
});
