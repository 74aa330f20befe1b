import { act, fireEvent, screen, waitFor } from '@testing-library/preact';
import { renderWithI18n } from '../../test-support/render-with-i18n';
import { lazyPart } from './lazy-part';

function Menu() {
  return <ul data-testid="chat-menu" />;
}

/** A part whose chunk cannot be fetched until `online()` is called, as when the connection is down. */
function aPartLoadedOnceOnline() {
  let up = false;
  const load = jest.fn(() => (up ? Promise.resolve({ default: Menu }) : Promise.reject(new TypeError('Failed to fetch'))));
  return { Part: lazyPart(load, 'below'), load, online: () => (up = true) };
}

async function renderInHeader(Part: ReturnType<typeof lazyPart>) {
  return renderWithI18n(
    <header class="header">
      <h1 class="header__title">Chat with us</h1>
      <Part />
    </header>,
  );
}

describe('lazyPart', () => {
  it('says compactly, over the panel, that a floating part could not load, leaving its bar as it was', async () => {
    const { Part } = aPartLoadedOnceOnline();
    await renderInHeader(Part);
    const failure = await screen.findByRole('alert');
    expect(failure).toHaveTextContent('Something went wrong. Please try again later. Retry');
    // Out of the header's row: the title keeps its width.
    expect(failure.style.position).toBe('absolute');
    expect(failure.style.top).toBe('100%');
    expect(screen.getByRole('heading', { name: 'Chat with us' })).toBeInTheDocument();
  });

  it('loads the part by itself once the connection is back', async () => {
    const { Part, online } = aPartLoadedOnceOnline();
    const listen = jest.spyOn(window, 'addEventListener');
    await renderInHeader(Part);
    await screen.findByRole('alert');
    await waitFor(() => expect(listen).toHaveBeenCalledWith('online', expect.any(Function)));
    listen.mockRestore();
    online();
    await act(() => {
      window.dispatchEvent(new Event('online'));
    });
    expect(await screen.findByTestId('chat-menu')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('loads it the next time it is shown, or on Retry', async () => {
    const first = aPartLoadedOnceOnline();
    const { unmount } = await renderInHeader(first.Part);
    await screen.findByRole('alert');
    first.online();
    unmount();
    await renderInHeader(first.Part);
    expect(await screen.findByTestId('chat-menu')).toBeInTheDocument();

    const second = aPartLoadedOnceOnline();
    await renderInHeader(second.Part);
    fireEvent.click(await screen.findByRole('button', { name: 'Retry' }));
    expect(second.load).toHaveBeenCalledTimes(2);
  });
});
