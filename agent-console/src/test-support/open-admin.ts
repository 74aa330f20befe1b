/** Renders a signed-in console (an admin unless told) and opens a section of the administration. */
import type { Agent, Department } from '@parley/shared';
import { fireEvent, screen } from '@testing-library/preact';
import type { AdminSection } from '../state/navigation.store';
import { fakeAdminClient } from './fake-admin-client';
import { AGENT } from './fixtures';
import { renderSignedIn } from './render-console';

export const ADMIN: Agent = {
  ...AGENT,
  id: 'agent-admin-001',
  name: 'Alma',
  email: 'alma@example.com',
  role: 'admin',
};
export const BOB: Agent = { ...AGENT, id: 'agent-bob-00001', name: 'Bob', email: 'bob@example.com' };
export const SALES: Department = { id: 'dept-sales-0001', siteId: AGENT.siteId, name: 'Sales' };

export async function openAdmin(as: Agent = ADMIN, section: AdminSection = 'agents') {
  const admin = fakeAdminClient({ agents: [as, BOB], departments: [SALES] });
  const rendered = await renderSignedIn({ agent: as, admin });
  fireEvent.click(screen.getByTestId('admin-nav'));
  if (section !== 'agents') fireEvent.click(await screen.findByTestId(`admin-nav-${section}`));
  return { ...rendered, admin };
}
