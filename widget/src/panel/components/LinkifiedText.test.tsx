import { render } from '@testing-library/preact';
import { LinkifiedText, splitLinks } from './LinkifiedText';

describe('LinkifiedText', () => {
  it('turns web addresses into safe links and leaves punctuation out', () => {
    const { container } = render(<LinkifiedText text="See https://acme.example/tea?id=1. Or www.acme.example!" />);
    const links = [...container.querySelectorAll('a')];
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      'https://acme.example/tea?id=1',
      'https://www.acme.example',
    ]);
    for (const link of links) {
      expect(link).toHaveAttribute('rel', 'noopener noreferrer');
      expect(link).toHaveAttribute('target', '_blank');
    }
    expect(container.textContent).toBe('See https://acme.example/tea?id=1. Or www.acme.example!');
  });

  it('renders markup as text, never as HTML', () => {
    const { container } = render(<LinkifiedText text={'<img src=x onerror="alert(1)"> <b>bold</b>'} />);
    expect(container.querySelector('img, b')).toBeNull();
    expect(container.textContent).toBe('<img src=x onerror="alert(1)"> <b>bold</b>');
  });

  it('does not link other schemes', () => {
    expect(splitLinks('javascript:alert(1) data:text/html,x')).toEqual([{ text: 'javascript:alert(1) data:text/html,x' }]);
  });

  it('keeps a closing parenthesis that is part of the address', () => {
    expect(splitLinks('(see https://en.wikipedia.org/wiki/Tea_(drink))')).toEqual([
      { text: '(see ' },
      { text: 'https://en.wikipedia.org/wiki/Tea_(drink)', href: 'https://en.wikipedia.org/wiki/Tea_(drink)' },
      { text: ')' },
    ]);
  });
});
