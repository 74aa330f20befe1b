/** When an article is good enough to offer before a person. */
import { bestMatch, coverage, strongHits } from './kb-relevance';

const article = (title: string, summary = '') => ({ title, summary });

test('an article covering most of the question is offered; a loose one is not', () => {
  expect(bestMatch('How do I reset my password?', [article('Reset your password')])).not.toBeNull();
  expect(bestMatch('не могу войти в аккаунт', [article('Не удаётся войти в аккаунт')])).not.toBeNull();
  expect(bestMatch('¿Cómo solicito un reembolso?', [article('Solicitar un reembolso')])).not.toBeNull();
  expect(bestMatch('我的订单在哪里', [article('订单在哪里？')])).not.toBeNull();
  expect(bestMatch('My card was charged twice for one order', [article('Reset your password')])).toBeNull();
  expect(bestMatch('anything', [])).toBeNull();
});

test('word endings count as the same word, short look-alikes do not', () => {
  expect(coverage('refunds', 'Request a refund')).toBe(1);
  expect(coverage('пароля', 'Как сбросить пароль')).toBe(1);
  expect(coverage('care', 'Gift card')).toBe(0);
  expect(coverage('Ёлка', 'елка')).toBe(1);
});

test('weak hits far below the best are dropped from suggestions', () => {
  expect(strongHits([{ score: 10 }, { score: 4 }, { score: 1 }]).map((h) => h.score)).toEqual([10, 4]);
  expect(strongHits([])).toEqual([]);
});
