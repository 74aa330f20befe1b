/** Opens the knowledge base or analytics in a signed-in console whose fetch is a fake server. */
import type { Agent } from '@parley/shared';
import { fireEvent, screen } from '@testing-library/preact';
import { ADMIN, BOB, SALES } from './open-admin';
import { fakeAdminClient } from './fake-admin-client';
import { renderSignedIn } from './render-console';

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

export async function openInsight(
  nav: 'kb-nav' | 'analytics-nav',
  options: { as?: Agent; fetch: typeof fetch },
) {
  globalThis.fetch = options.fetch;
  const as = options.as ?? ADMIN;
  const admin = fakeAdminClient({ agents: [as, BOB], departments: [SALES] });
  const rendered = await renderSignedIn({ agent: as, admin });
  fireEvent.click(screen.getByTestId(nav));
  // The screen is loaded lazily; on a busy machine that can take a moment.
  await screen.findByTestId(nav === 'kb-nav' ? 'kb-page' : 'analytics-page', {}, { timeout: 5000 });
  return rendered;
}
