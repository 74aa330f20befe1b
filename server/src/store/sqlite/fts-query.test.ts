/** The FTS5 query builder: whatever a person types becomes quoted terms that FTS5 accepts. */
import Database from 'better-sqlite3';
import { foldForSearch } from '../../search-text';
import { toFtsMatch } from './fts-query';

test('every term is quoted, OR-ed, and the last one is a prefix', () => {
  expect(toFtsMatch('Reset my password')).toBe('"reset" OR "my" OR "password"*');
  expect(toFtsMatch('Ёлка, Café!')).toBe('"елка" OR "cafe"*');
  expect(toFtsMatch('我的订单 ok')).toBe('"我 的 订 单" OR "ok"*');
});

test('FTS syntax typed by a person is only text', () => {
  expect(toFtsMatch('"AND OR * NEAR(')).toBe('"and" OR "or" OR "near"*');
  expect(toFtsMatch('title:x^y -z')).toBe('"title" OR "x" OR "y" OR "z"*');
  expect(toFtsMatch('*** ((( """')).toBeNull();
  expect(toFtsMatch('   ')).toBeNull();
});

test('FTS5 accepts every built expression and finds folded text', () => {
  const db = new Database(':memory:');
  db.exec("CREATE VIRTUAL TABLE f USING fts5(t, content = '', tokenize = 'unicode61 remove_diacritics 2')");
  const docs = ['Ёлка зелёная', 'Contraseña olvidada', 'مرحبا بِكم', '我的订单在哪里', 'Reset your password'];
  docs.forEach((doc, i) => db.prepare('INSERT INTO f (rowid, t) VALUES (?, ?)').run(i + 1, foldForSearch(doc)));
  const find = (q: string) =>
    db.prepare<[string], { rowid: number }>('SELECT rowid FROM f WHERE f MATCH ? ORDER BY rank').all(toFtsMatch(q) ?? '"nothing-at-all"').map((r) => r.rowid);
  expect(find('елка')).toEqual([1]);
  expect(find('contrasena')).toEqual([2]);
  expect(find('بكم')).toEqual([3]);
  expect(find('订单')).toEqual([4]);
  expect(find('passw')).toEqual([5]);
  for (const hostile of ['"AND OR * NEAR(', 'a:b', 'NOT', '^x', '(x OR', "x' OR 1=1 --", '\u0000\u202e']) {
    expect(() => find(hostile)).not.toThrow();
  }
  db.close();
});
