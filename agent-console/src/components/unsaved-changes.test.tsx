import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { kbArticle, serveKb } from '../test-support/kb-server';
import { ADMIN, openAdmin } from '../test-support/open-admin';
import { openInsight } from '../test-support/open-insight';
// Loaded up front, so the lazily shown screens appear at once.
import '../routes/knowledge-base.route';
import '../routes/admin.route';

beforeEach(() => window.localStorage.clear());

const RETURNS = kbArticle({ id: 'kbart-returns-01', title: 'Return policy', slug: 'returns' });
const ARTICLE_HREF = '#/kb/articles/kbart-returns-01';

async function editPublishedTitle() {
  const server = serveKb({ role: 'admin', articles: [RETURNS] });
  const { app } = await openInsight('kb-nav', { fetch: server.fetch as unknown as typeof fetch });
  fireEvent.click(await screen.findByRole('link', { name: 'Return policy' }));
  const title = await screen.findByRole('textbox', { name: 'Title' });
  fireEvent.input(title, { target: { value: 'Return policy EDITED' } });
  return Object.assign(title, { app });
}

/** The browser's own "Leave site?" on reload or close: asked when the page cancels beforeunload. */
function browserWouldAsk(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

const leaveDialog = () => screen.queryByRole('dialog', { name: 'Leave without saving?' });

describe('unsaved changes: the knowledge base editor', () => {
  it('asks before a nav link leaves an edited article; Cancel keeps the edit, leaving goes', async () => {
    const title = await editPublishedTitle();

    fireEvent.click(screen.getByTestId('chats-nav'));
    const dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    expect(dialog).toHaveTextContent('If you leave now, they will be lost.');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(leaveDialog()).toBeNull();
    expect(title).toHaveValue('Return policy EDITED');
    expect(window.location.hash).toBe(ARTICLE_HREF);

    fireEvent.click(screen.getByTestId('chats-nav'));
    fireEvent.click(within(await screen.findByTestId('confirm-dialog')).getByRole('button', { name: 'Leave without saving' }));
    await waitFor(() => expect(window.location.hash).toBe('#/chats'));
    expect(screen.queryByTestId('kb-editor')).toBeNull();
  });

  it('asks on Back too, keeping the editor and its address until the agent chooses to leave', async () => {
    const title = await editPublishedTitle();

    // What Back does to a hash router: the address changes first, then hashchange.
    await act(async () => {
      window.history.pushState(null, '', '#/kb');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(await screen.findByRole('dialog', { name: 'Leave without saving?' })).toBeInTheDocument();
    expect(window.location.hash).toBe(ARTICLE_HREF);
    expect(title).toHaveValue('Return policy EDITED');

    fireEvent.click(screen.getByRole('button', { name: 'Leave without saving' }));
    await waitFor(() => expect(screen.queryByTestId('kb-editor')).toBeNull());
    expect(window.location.hash).toBe('#/kb');
  });

  it('has the browser ask on reload only while something is unsaved', async () => {
    const title = await editPublishedTitle();
    expect(browserWouldAsk()).toBe(true);

    fireEvent.input(title, { target: { value: 'Return policy' } });
    expect(browserWouldAsk()).toBe(false);
    fireEvent.input(title, { target: { value: 'Return policy, edited' } });
    fireEvent.click(screen.getByTestId('kb-save'));
    await waitFor(() => expect(screen.getByTestId('kb-editor-note')).toHaveTextContent('Saved.'));
    expect(browserWouldAsk()).toBe(false);
    fireEvent.click(screen.getByTestId('chats-nav'));
    await waitFor(() => expect(window.location.hash).toBe('#/chats'));
    expect(leaveDialog()).toBeNull();
  });

  it('signs out when asked to, leaving no question behind for whoever signs in next', async () => {
    const { app } = await editPublishedTitle();
    await act(() => app.signOut());
    expect(window.location.hash).toBe('#/chats');
    expect(app.navigation.leaving.value).toBeNull();
    expect(leaveDialog()).toBeNull();
  });

  it('lets a blank new article go without asking', async () => {
    const server = serveKb({ role: 'admin', articles: [] });
    await openInsight('kb-nav', { fetch: server.fetch as unknown as typeof fetch });
    fireEvent.click(await screen.findByRole('button', { name: 'New article' }));
    await screen.findByRole('textbox', { name: 'Title' });
    fireEvent.click(screen.getByTestId('chats-nav'));
    await waitFor(() => expect(window.location.hash).toBe('#/chats'));
    expect(leaveDialog()).toBeNull();
  });
});

describe('unsaved changes: site settings', () => {
  it('asks before the Team section replaces a contact card being typed; a saved one goes quietly', async () => {
    const { admin } = await openAdmin(ADMIN, 'settings');
    const contact = within(await screen.findByTestId('settings-contact'));
    const phone = contact.getByRole('textbox', { name: 'Phone' });
    fireEvent.input(phone, { target: { value: '+44 20 7946 0999' } });
    expect(browserWouldAsk()).toBe(true);

    fireEvent.click(screen.getByTestId('admin-nav-agents'));
    fireEvent.click(within(await screen.findByTestId('confirm-dialog')).getByRole('button', { name: 'Cancel' }));
    expect(phone).toHaveValue('+44 20 7946 0999');
    expect(screen.getByTestId('admin-page')).toHaveAttribute('data-section', 'settings');

    fireEvent.click(contact.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(contact.getByRole('status')).toHaveTextContent('Saved.'));
    expect(admin.updateSiteSettings).toHaveBeenCalledWith({ contact: expect.objectContaining({ phone: '+44 20 7946 0999' }) });
    expect(browserWouldAsk()).toBe(false);
    fireEvent.click(screen.getByTestId('admin-nav-agents'));
    await waitFor(() => expect(screen.getByTestId('admin-page')).toHaveAttribute('data-section', 'agents'));
    expect(leaveDialog()).toBeNull();
  });

  it('does not ask when a change was typed back to what is saved', async () => {
    await openAdmin(ADMIN, 'settings');
    const origins = within(await screen.findByTestId('settings-origins')).getByTestId('allowed-origins');
    fireEvent.input(origins, { target: { value: 'https://shop.example' } });
    fireEvent.input(origins, { target: { value: '' } });
    fireEvent.click(screen.getByTestId('admin-nav-agents'));
    await waitFor(() => expect(screen.getByTestId('admin-page')).toHaveAttribute('data-section', 'agents'));
    expect(leaveDialog()).toBeNull();
  });
});
