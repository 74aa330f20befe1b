/** An agent's languages: real languages only, as an admin would expect. */
import { AgentPatchSchema, AgentSchema, NewAgentSchema } from './agent';
import { LANGUAGE_CODE_MESSAGE, languageCodeOf } from './language-code';

test('real language codes are taken, as their primary language', () => {
  expect(['en', 'ru', 'zh', 'be', 'ar', 'fil', 'yue'].map(languageCodeOf)).toEqual(['en', 'ru', 'zh', 'be', 'ar', 'fil', 'yue']);
  expect(['pt-BR', 'EN', ' de ', 'zh-Hant-TW', 'iw'].map(languageCodeOf)).toEqual(['pt', 'en', 'de', 'zh', 'he']);
});

test('codes that name no language are refused', () => {
  expect(['zz', 'xx', 'qaa', 'und', 'mul', 'zxx', '', 'e', 'english', 'en_US', '12', 'x-private'].map(languageCodeOf)).toEqual(
    Array(12).fill(null),
  );
});

test('an agent patch with "en, zz" is refused on the unknown one, and a good list is kept in order, once each', () => {
  const refused = AgentPatchSchema.safeParse({ languages: ['en', 'zz'] });
  expect(refused.success).toBe(false);
  expect(refused.error?.issues).toEqual([expect.objectContaining({ path: ['languages', 1], message: LANGUAGE_CODE_MESSAGE })]);
  expect(AgentPatchSchema.parse({ languages: ['en', 'pt-BR', 'pt', 'zh'] })).toEqual({ languages: ['en', 'pt', 'zh'] });
  expect(NewAgentSchema.safeParse({ email: 'a@example.com', name: 'Ann', password: 'long enough pw', role: 'agent', languages: ['zz'] }).success).toBe(false);
});

test('agents stored by an older Parley are still read whatever their languages', () => {
  const stored = { id: 'agent-0001', siteId: 'site-0001', email: 'a@example.com', name: 'Ann', role: 'agent', status: 'offline', active: true, departmentIds: [], languages: ['en', 'zz'], maxChats: 4 };
  expect(AgentSchema.parse(stored).languages).toEqual(['en', 'zz']);
});
