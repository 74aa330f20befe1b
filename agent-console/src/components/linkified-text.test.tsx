import { render } from '@testing-library/preact';
import { LinkifiedText, splitLinks } from './linkified-text';

describe('message text', () => {
  it('shows markup as text and never creates elements from it', () => {
    const text = '<img src=x onerror="alert(1)"><script>alert(2)</script><b>bold</b>';
    const { container } = render(<LinkifiedText text={text} />);

    expect(container.textContent).toBe(text);
    expect(container.querySelector('img, script, b')).toBeNull();
  });

  it('links http(s) and www addresses, outside the punctuation that ends the sentence', () => {
    const { container } = render(
      <LinkifiedText text="See https://example.com/help?q=1. Or www.parley.dev, thanks!" />,
    );
    const links = [...container.querySelectorAll('a')];

    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['https://example.com/help?q=1', 'https://example.com/help?q=1'],
      ['www.parley.dev', 'https://www.parley.dev/'],
    ]);
    for (const link of links) {
      expect(link).toHaveAttribute('target', '_blank');
      expect(link.getAttribute('rel')).toContain('noopener');
    }
    expect(container.textContent).toBe('See https://example.com/help?q=1. Or www.parley.dev, thanks!');
  });

  it('leaves javascript: and data: addresses as plain text', () => {
    const { container } = render(
      <LinkifiedText text='javascript:alert(1) data:text/html,<script>x</script> "https://ok.example"' />,
    );
    const links = [...container.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://ok.example/']);
  });

  it('keeps a quote inside an address from breaking out of the href', () => {
    const pieces = splitLinks('https://evil.example/"onmouseover="alert(1)');
    expect(pieces[0]).toEqual({ kind: 'link', text: 'https://evil.example/', href: 'https://evil.example/' });
    expect(pieces.slice(1)).toEqual([{ kind: 'text', text: '"onmouseover="alert(1)' }]);
  });
});

describe('addresses with parentheses', () => {
  it('keeps the parentheses an address opened, as the widget does', () => {
    const { container } = render(<LinkifiedText text="Read https://en.wikipedia.org/wiki/Tea_(meal) (or https://example.com/help)." />);
    expect([...container.querySelectorAll('a')].map((a) => a.textContent)).toEqual([
      'https://en.wikipedia.org/wiki/Tea_(meal)',
      'https://example.com/help',
    ]);
  });
});
