import { render } from '@testing-library/preact';
import { MarkdownPreview, safeHref } from './markdown-preview';

const preview = (source: string) => {
  const { container } = render(<MarkdownPreview source={source} label="Preview" />);
  return container.querySelector('[data-testid="kb-live-preview"]') as HTMLElement;
};

describe('live Markdown preview', () => {
  it('shows headings, lists, emphasis, code, quotes and tables', () => {
    const box = preview(
      [
        '# Returns',
        'Send it back within **30 days**, *unused*, with `the receipt`.',
        '',
        '- Pack it',
        '- Print the label',
        '',
        '3. Third',
        '4. Fourth',
        '',
        '> Refunds take a week.',
        '',
        '| Country | Days |',
        '| --- | --- |',
        '| DE | 3 |',
        '',
        '```',
        'code **stays** as typed',
        '```',
      ].join('\n'),
    );
    expect(box.querySelector('h2')).toHaveTextContent('Returns');
    expect(box.querySelector('strong')).toHaveTextContent('30 days');
    expect(box.querySelector('em')).toHaveTextContent('unused');
    expect(box.querySelector('p code')).toHaveTextContent('the receipt');
    expect([...box.querySelectorAll('ul li')].map((li) => li.textContent)).toEqual(['Pack it', 'Print the label']);
    expect(box.querySelector('ol')).toHaveAttribute('start', '3');
    expect(box.querySelector('blockquote')).toHaveTextContent('Refunds take a week.');
    expect(box.querySelector('td')).toHaveTextContent('DE');
    expect(box.querySelector('pre')).toHaveTextContent('code **stays** as typed');
  });

  it('never turns typed HTML into markup, nor script addresses into links', () => {
    const box = preview(
      '<img src=x onerror="window.hacked=1"> <script>window.hacked=1</script>\n\n[click](javascript:alert(1)) [ok](https://example.com/a "Example") https://shop.example/returns.',
    );
    expect(box.querySelector('img, script')).toBeNull();
    expect(box).toHaveTextContent('<script>window.hacked=1</script>');
    const links = [...box.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.com/a', 'https://shop.example/returns']);
    expect(links[0]).toHaveAttribute('rel', 'noopener noreferrer nofollow');
    expect(box).toHaveTextContent('click');
    expect((window as { hacked?: number }).hacked).toBeUndefined();
  });

  it('shows an image as its description without fetching it', () => {
    const box = preview('![The returns label](https://tracker.example/pixel.gif)');
    expect(box.querySelector('img')).toBeNull();
    expect(box).toHaveTextContent('The returns label');
  });

  it('accepts only http, https and mailto addresses', () => {
    expect(safeHref('mailto:help@shop.example')).toBe('mailto:help@shop.example');
    expect(safeHref('data:text/html,<b>x</b>')).toBeNull();
    expect(safeHref('/relative')).toBeNull();
  });
});
