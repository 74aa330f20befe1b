/** Renders a signed-in console and opens its first conversation; returns the chat panel. */
import { fireEvent, screen } from '@testing-library/preact';
import { renderSignedIn } from './render-console';

export async function openFirstChat(options: Parameters<typeof renderSignedIn>[0]) {
  const rendered = await renderSignedIn(options);
  const [item] = await screen.findAllByTestId(/^(queue|mine|others)-item$/);
  fireEvent.click(item as HTMLElement);
  const panel = await screen.findByTestId('chat-panel');
  return { ...rendered, panel };
}
