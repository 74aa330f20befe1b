import { findWebAddresses } from './web-addresses';

const addresses = (text: string) => findWebAddresses(text).map((found) => found.text);

test('http(s) and www addresses, without the punctuation that ends the sentence', () => {
  expect(addresses('See https://example.com/help?q=1. Or www.parley.dev, thanks!')).toEqual(['https://example.com/help?q=1', 'www.parley.dev']);
  expect(findWebAddresses('Go to www.parley.dev')).toEqual([{ start: 6, text: 'www.parley.dev' }]);
  expect(addresses('javascript:alert(1) data:text/html,x ftp://files.example')).toEqual([]);
});

test('the closing parentheses an address opened are part of it; the ones around it are not', () => {
  expect(addresses('https://en.wikipedia.org/wiki/Tea_(meal)')).toEqual(['https://en.wikipedia.org/wiki/Tea_(meal)']);
  expect(addresses('(see https://en.wikipedia.org/wiki/Tea_(meal))')).toEqual(['https://en.wikipedia.org/wiki/Tea_(meal)']);
  expect(addresses('(see https://en.wikipedia.org/wiki/Tea_(meal).)')).toEqual(['https://en.wikipedia.org/wiki/Tea_(meal)']);
  expect(addresses('(see https://example.com/help)')).toEqual(['https://example.com/help']);
  expect(addresses('https://example.com/a_(b)_(c)!')).toEqual(['https://example.com/a_(b)_(c)']);
});

test('a quote ends an address, so it cannot break out of a link', () => {
  expect(addresses('https://evil.example/"onmouseover="alert(1)')).toEqual(['https://evil.example/']);
});
