import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { AGENT } from '../test-support/fixtures';
import { kbArticle, serveKb } from '../test-support/kb-server';
import { openInsight } from '../test-support/open-insight';
// Loaded up front, so the lazily shown screen appears at once in every test.
import './knowledge-base.route';

beforeEach(() => window.localStorage.clear());

const RETURNS = kbArticle({ id: 'kbart-returns-01', title: 'Returns and refunds', slug: 'returns', helpfulCount: 7, notHelpfulCount: 1, solvedCount: 4, humanCount: 2 });
const SHIPPING = kbArticle({ id: 'kbart-shipping-1', title: 'Shipping times', slug: 'shipping', status: 'draft', publishedAt: null, bodyMarkdown: 'Parcels take 3 days.' });
const VERSAND = kbArticle({ id: 'kbart-versand-01', title: 'Lieferzeiten', slug: 'lieferzeiten', language: 'de', bodyMarkdown: 'Pakete brauchen 3 Tage.' });

async function openKb(options: Parameters<typeof serveKb>[0] = { role: 'admin' }) {
  const server = serveKb(options);
  const rendered = await openInsight('kb-nav', {
    as: options.role === 'agent' ? AGENT : undefined,
    fetch: server.fetch as unknown as typeof fetch,
  });
  return { ...rendered, server };
}

const rows = () => screen.queryAllByTestId('kb-article-row');
const titles = () => rows().map((row) => within(row).getByRole('link').textContent);
const calls = (server: { requests: { call: string; body: unknown }[] }, prefix: string) =>
  server.requests.filter((r) => r.call.startsWith(prefix));

describe('knowledge base: writing an article', () => {
  it('writes a new article with a live preview, saves it as a draft, then publishes it', async () => {
    const { server } = await openKb();
    expect(await screen.findByTestId('kb-empty')).toHaveTextContent('Write the first one');
    fireEvent.click(screen.getByRole('button', { name: 'New article' }));

    const title = await screen.findByRole('textbox', { name: 'Title' });
    expect(title).toHaveAttribute('data-testid', 'kb-title-input');
    fireEvent.input(title, { target: { value: 'Changing your address' } });
    const body = screen.getByRole('textbox', { name: 'Article (Markdown)' });
    expect(body).toHaveAttribute('data-testid', 'kb-body-input');
    fireEvent.input(body, { target: { value: 'Write to us **before** it ships.\n\n- Open your order' } });
    const preview = screen.getByTestId('kb-live-preview');
    expect(within(preview).getByText('before').tagName).toBe('STRONG');
    expect(within(preview).getByRole('listitem')).toHaveTextContent('Open your order');
    expect(screen.getByTestId('kb-editor-status')).toHaveTextContent('Not saved yet');

    fireEvent.click(screen.getByTestId('kb-save'));
    await waitFor(() => expect(screen.getByTestId('kb-editor-status')).toHaveTextContent('Draft'));
    expect(calls(server, 'POST /api/kb/articles')[0]?.body).toEqual({
      language: 'en',
      title: 'Changing your address',
      summary: '',
      bodyMarkdown: 'Write to us **before** it ships.\n\n- Open your order',
      categoryId: null,
    });
    expect(window.location.hash).toBe('#/kb/articles/kbart-new-1');
    expect(screen.getByTestId('kb-editor-note')).toHaveTextContent('Saved.');
    expect(screen.getByTestId('kb-save')).toBeDisabled();

    fireEvent.click(screen.getByRole('button', { name: 'As saved' }));
    const frame = screen.getByTestId('kb-saved-view');
    expect(frame).toHaveAttribute('sandbox', '');
    expect(frame.getAttribute('srcdoc')).toContain('<strong>before</strong>');
    expect(frame.getAttribute('srcdoc')).toContain("default-src 'none'");

    fireEvent.click(screen.getByTestId('kb-publish'));
    await waitFor(() => expect(screen.getByTestId('kb-editor-status')).toHaveTextContent('Published'));
    expect(calls(server, 'POST /api/kb/articles/kbart-new-1/publish')).toHaveLength(1);
    expect(screen.getByTestId('kb-editor-note')).toHaveTextContent('Published: readers can find it now.');
    expect(screen.getByTestId('kb-publish')).toHaveTextContent('Unpublish');
    expect(screen.getByRole('link', { name: 'Open in the help centre' })).toHaveAttribute(
      'href',
      'https://chat.example/help/site-key/en/changing-your-address',
    );
  });

  it('saves only what changed, and shows by the Address field why the server refused an address', async () => {
    const { server } = await openKb({ role: 'admin', articles: [RETURNS, SHIPPING] });
    // The votes keep their sign in front in right-to-left languages too.
    expect(await screen.findByText('+7')).toHaveAttribute('dir', 'ltr');
    expect(screen.getByText('−1')).toHaveAttribute('dir', 'ltr');
    fireEvent.click(await screen.findByRole('link', { name: 'Shipping times' }));
    const title = await screen.findByRole('textbox', { name: 'Title' });
    fireEvent.input(title, { target: { value: 'Shipping times and costs' } });
    const address = screen.getByRole('textbox', { name: 'Address' });
    fireEvent.input(address, { target: { value: 'returns' } });
    fireEvent.click(screen.getByTestId('kb-save'));
    // The server says "slug: another article … uses this address."; the field is called Address here.
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Please check the fields and try again.');
    expect(alert).not.toHaveTextContent(/slug/i);
    expect(address).toHaveAttribute('aria-invalid', 'true');
    expect(address).toHaveAccessibleDescription(
      'Another article in this language already uses this address. Lower-case letters, digits and single hyphens, as in returns-and-refunds.',
    );
    expect(screen.getByTestId('kb-editor')).not.toHaveTextContent(/slug/i);
    // Changing the address takes the refusal away.
    fireEvent.input(address, { target: { value: 'returns-2' } });
    expect(address).toHaveAttribute('aria-invalid', 'false');
    expect(screen.queryByTestId('kb-slug-problem')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();

    fireEvent.input(screen.getByTestId('kb-slug-input'), { target: { value: 'Not a slug!' } });
    expect(screen.getByTestId('kb-slug-input')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('kb-save')).toBeDisabled();
    fireEvent.input(screen.getByTestId('kb-slug-input'), { target: { value: 'shipping' } });
    fireEvent.click(screen.getByTestId('kb-save'));
    await waitFor(() => expect(screen.getByTestId('kb-editor-note')).toHaveTextContent('Saved.'));
    expect(calls(server, 'PATCH').map((r) => r.body)).toEqual([
      { title: 'Shipping times and costs', slug: 'returns' },
      { title: 'Shipping times and costs' },
    ]);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Shipping times and costs');
  });

  it('says a title is needed when it is emptied, and takes a success notice away once the form changes', async () => {
    const { server } = await openKb({ role: 'admin', articles: [SHIPPING] });
    fireEvent.click(await screen.findByRole('link', { name: 'Shipping times' }));
    fireEvent.click(await screen.findByTestId('kb-publish'));
    await waitFor(() => expect(screen.getByTestId('kb-editor-note')).toHaveTextContent('Published: readers can find it now.'));

    const title = screen.getByRole('textbox', { name: 'Title' });
    fireEvent.input(title, { target: { value: '   ' } });
    expect(screen.getByTestId('kb-editor-note')).toHaveTextContent('');
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(title).toHaveAccessibleDescription("The title can't be empty.");
    expect(screen.getByText("The title can't be empty.")).toBeVisible();
    expect(screen.getByTestId('kb-save')).toBeDisabled();

    fireEvent.input(title, { target: { value: 'Shipping times' } });
    expect(screen.queryByText("The title can't be empty.")).toBeNull();
    fireEvent.input(screen.getByRole('textbox', { name: 'Summary' }), { target: { value: 'How long parcels take.' } });
    fireEvent.click(screen.getByTestId('kb-save'));
    await waitFor(() => expect(screen.getByTestId('kb-editor-note')).toHaveTextContent('Saved.'));
    fireEvent.input(screen.getByRole('textbox', { name: 'Summary' }), { target: { value: 'How long parcels take to arrive.' } });
    expect(screen.getByTestId('kb-editor-note')).toHaveTextContent('');
    expect(calls(server, 'PATCH')).toHaveLength(1);
  });

  it('does not scold a new, still blank article for its title', async () => {
    await openKb();
    fireEvent.click(await screen.findByRole('button', { name: 'New article' }));
    const title = await screen.findByRole('textbox', { name: 'Title' });
    expect(title).not.toHaveAccessibleDescription();
    fireEvent.input(screen.getByRole('textbox', { name: 'Article (Markdown)' }), { target: { value: 'Text first.' } });
    expect(title).toHaveAccessibleDescription("The title can't be empty.");
  });

  it('saves unsaved changes before publishing, and saves with Ctrl+S', async () => {
    const { server } = await openKb({ role: 'admin', articles: [SHIPPING] });
    fireEvent.click(await screen.findByRole('link', { name: 'Shipping times' }));
    const body = await screen.findByRole('textbox', { name: 'Article (Markdown)' });
    fireEvent.input(body, { target: { value: 'Parcels take 2 days.' } });
    fireEvent.keyDown(body, { key: 's', ctrlKey: true });
    await waitFor(() => expect(calls(server, 'PATCH')).toHaveLength(1));
    fireEvent.input(body, { target: { value: 'Parcels take 1 day.' } });
    expect(screen.getByTestId('kb-publish')).toHaveTextContent('Save and publish');
    fireEvent.click(screen.getByTestId('kb-publish'));
    await waitFor(() => expect(screen.getByTestId('kb-editor-status')).toHaveTextContent('Published'));
    expect(server.requests.slice(-2).map((r) => r.call)).toEqual([
      'PATCH /api/kb/articles/kbart-shipping-1',
      'POST /api/kb/articles/kbart-shipping-1/publish',
    ]);
    expect(server.articles.get(SHIPPING.id)?.bodyMarkdown).toBe('Parcels take 1 day.');
  });

  it('adds a translation that joins the original, starting from its text', async () => {
    const { server } = await openKb({ role: 'admin', articles: [RETURNS] });
    fireEvent.click(await screen.findByRole('link', { name: 'Returns and refunds' }));
    expect(await screen.findByTestId('kb-translations')).toHaveTextContent('No other language yet.');
    fireEvent.click(screen.getByRole('button', { name: 'Add translation' }));
    const dialog = await screen.findByRole('dialog', { name: 'Translate “Returns and refunds”' });
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'Language of the translation' }), {
      target: { value: 'de' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Start translating' }));

    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent(
      'Translating “Returns and refunds” into German',
    );
    expect(window.location.hash).toBe('#/kb/articles/kbart-returns-01/translate/de');
    expect(screen.getByTestId('kb-language')).toHaveTextContent('German (de)');
    const title = screen.getByRole('textbox', { name: 'Title' });
    expect(title).toHaveValue('Returns and refunds');
    fireEvent.input(title, { target: { value: 'Rücksendungen' } });
    fireEvent.input(screen.getByRole('textbox', { name: 'Article (Markdown)' }), {
      target: { value: 'Innerhalb von **30 Tagen** zurückschicken.' },
    });
    fireEvent.click(screen.getByTestId('kb-save'));

    await waitFor(() => expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Rücksendungen'));
    expect(calls(server, 'POST /api/kb/articles')[0]?.body).toMatchObject({
      language: 'de',
      title: 'Rücksendungen',
      translationOf: RETURNS.id,
    });
    const link = within(screen.getByTestId('kb-translations')).getByTestId('kb-translation-link');
    expect(link).toHaveTextContent('English');
    fireEvent.click(link);
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('Returns and refunds');
    expect(await screen.findByTestId('kb-translation-link')).toHaveTextContent('German');
  });

  it('deletes an article only after confirming', async () => {
    const { server } = await openKb({ role: 'admin', articles: [RETURNS, SHIPPING] });
    fireEvent.click(await screen.findByRole('link', { name: 'Shipping times' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    const confirm = await screen.findByRole('dialog', { name: 'Delete “Shipping times”?' });
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(calls(server, 'DELETE')).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByTestId('confirm-button'));
    await waitFor(() => expect(titles()).toEqual(['Returns and refunds']));
    expect(calls(server, 'DELETE /api/kb/articles/kbart-shipping-1')).toHaveLength(1);
  });
});

describe('knowledge base: finding articles', () => {
  it('filters by language and status on the server, and searches each language', async () => {
    const { server } = await openKb({ role: 'admin', articles: [RETURNS, SHIPPING, VERSAND] });
    await waitFor(() => expect(titles()).toEqual(['Returns and refunds', 'Shipping times', 'Lieferzeiten']));
    expect(rows()[1]).toHaveAttribute('data-status', 'draft');
    expect(rows()[0]).toHaveTextContent('Helpful: +7');

    const filters = within(screen.getByRole('search'));
    fireEvent.change(filters.getByRole('combobox', { name: 'Language' }), { target: { value: 'de' } });
    await waitFor(() => expect(titles()).toEqual(['Lieferzeiten']));
    expect(server.requests.at(-1)?.call).toBe('GET /api/kb/articles?language=de');
    // Its language by name, the code on hover.
    expect(within(rows()[0] as HTMLElement).getByTestId('kb-article-language')).toHaveTextContent(/^German$/);
    expect(within(rows()[0] as HTMLElement).getByTestId('kb-article-language')).toHaveAttribute('title', 'de');

    fireEvent.change(filters.getByRole('combobox', { name: 'Language' }), { target: { value: '' } });
    fireEvent.change(filters.getByRole('combobox', { name: 'Status' }), { target: { value: 'draft' } });
    await waitFor(() => expect(titles()).toEqual(['Shipping times']));

    fireEvent.change(filters.getByRole('combobox', { name: 'Status' }), { target: { value: '' } });
    fireEvent.input(filters.getByRole('searchbox', { name: 'Search' }), { target: { value: 'Tage ' } });
    await waitFor(() => expect(titles()).toEqual(['Lieferzeiten']));
    const searches = calls(server, 'GET /api/kb/search').map((r) => r.call);
    expect(searches.sort()).toEqual([
      'GET /api/kb/search?q=Tage&language=de&limit=50',
      'GET /api/kb/search?q=Tage&language=en&limit=50',
    ]);

    fireEvent.change(filters.getByRole('combobox', { name: 'Status' }), { target: { value: 'published' } });
    fireEvent.input(filters.getByRole('searchbox', { name: 'Search' }), { target: { value: 'days' } });
    await waitFor(() => expect(titles()).toEqual(['Returns and refunds']));
    expect(server.requests.at(-1)?.call).toMatch(/^GET \/api\/kb\/search\?q=days&language=(en|de)&status=published&limit=50$/);
  });
});

describe('knowledge base: agents', () => {
  it('shows agents the articles read-only', async () => {
    const { server } = await openKb({ role: 'agent', articles: [RETURNS] });
    expect(screen.queryByRole('button', { name: 'New article' })).toBeNull();
    fireEvent.click(await screen.findByRole('link', { name: 'Returns and refunds' }));
    expect(await screen.findByRole('textbox', { name: 'Title' })).toHaveAttribute('readonly');
    expect(screen.getByRole('textbox', { name: 'Article (Markdown)' })).toHaveAttribute('readonly');
    expect(screen.queryByTestId('kb-save')).toBeNull();
    expect(screen.queryByTestId('kb-publish')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add translation' })).toBeNull();
    expect(screen.getByText(/Only admins can change the knowledge base/)).toBeInTheDocument();
    expect(server.requests.every((r) => r.call.startsWith('GET '))).toBe(true);
  });
});

describe('knowledge base: categories, notice and feedback', () => {
  it('adds a category with its address made from the name, and deletes one after confirming', async () => {
    const { server } = await openKb();
    fireEvent.click(await screen.findByTestId('kb-section-categories'));
    fireEvent.click(await screen.findByRole('button', { name: 'Add category' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a category' });
    fireEvent.input(within(dialog).getByRole('textbox', { name: 'Name in English' }), {
      target: { value: 'Orders & Delivery' },
    });
    expect(within(dialog).getByRole('textbox', { name: 'Address' })).toHaveValue('orders-delivery');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add a name in another language' }));
    const names = within(dialog).getAllByRole('combobox', { name: 'Language' });
    fireEvent.change(names[1] as HTMLElement, { target: { value: 'de' } });
    fireEvent.input(within(dialog).getByRole('textbox', { name: 'Name in German' }), {
      target: { value: 'Bestellungen' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getAllByTestId('kb-category-row')).toHaveLength(1));
    expect(calls(server, 'POST /api/kb/categories')[0]?.body).toEqual({
      slug: 'orders-delivery',
      names: { en: 'Orders & Delivery', de: 'Bestellungen' },
      position: 0,
    });

    fireEvent.click(screen.getByRole('button', { name: 'Delete Orders & Delivery' }));
    const confirm = await screen.findByRole('dialog', { name: 'Delete the category “Orders & Delivery”?' });
    expect(confirm).toHaveTextContent('Its articles stay, without a category.');
    fireEvent.click(within(confirm).getByTestId('confirm-button'));
    await waitFor(() => expect(screen.queryAllByTestId('kb-category-row')).toHaveLength(0));
  });

  it('posts a status notice, changes its severity, and withdraws it after confirming', async () => {
    const { server } = await openKb();
    fireEvent.click(await screen.findByTestId('kb-section-notice'));
    expect(await screen.findByText('No notice is shown right now.')).toBeInTheDocument();
    fireEvent.input(screen.getByRole('textbox', { name: 'Notice' }), { target: { value: 'Payments are slow.' } });
    fireEvent.click(screen.getByRole('radio', { name: 'Warning' }));
    fireEvent.click(screen.getByRole('button', { name: 'Post notice' }));
    const current = await screen.findByTestId('kb-notice-current');
    expect(current).toHaveAttribute('data-severity', 'warning');
    expect(current).toHaveTextContent('Payments are slow.');
    expect(calls(server, 'PUT /api/kb/status-notice')[0]?.body).toEqual({ text: 'Payments are slow.', severity: 'warning' });

    expect(screen.getByRole('button', { name: 'Update notice' })).toBeDisabled();
    fireEvent.click(screen.getByRole('radio', { name: 'Outage' }));
    fireEvent.click(screen.getByRole('button', { name: 'Update notice' }));
    await waitFor(() => expect(screen.getByTestId('kb-notice-current')).toHaveAttribute('data-severity', 'outage'));

    fireEvent.click(screen.getByRole('button', { name: 'Withdraw' }));
    fireEvent.click(within(await screen.findByRole('dialog', { name: 'Withdraw the notice?' })).getByTestId('confirm-button'));
    expect(await screen.findByText('No notice is shown right now.')).toBeInTheDocument();
    expect(calls(server, 'DELETE /api/kb/status-notice')).toHaveLength(1);
    expect(screen.getByText('Withdrawn: visitors no longer see it.')).toBeInTheDocument();
  });

  it('shows agents the notice without a form', async () => {
    await openKb({
      role: 'agent',
      notice: { id: 'n1', siteId: AGENT.siteId, text: 'Back at 9.', severity: 'info', postedAt: '2030-03-01T08:00:00.000Z', withdrawnAt: null },
    });
    fireEvent.click(await screen.findByTestId('kb-section-notice'));
    expect(await screen.findByTestId('kb-notice-current')).toHaveTextContent('Back at 9.');
    expect(screen.queryByRole('textbox', { name: 'Notice' })).toBeNull();
  });

  it('counts votes and outcomes in total and per article', async () => {
    await openKb({ role: 'admin', articles: [RETURNS, SHIPPING] });
    fireEvent.click(await screen.findByTestId('kb-section-stats'));
    const tile = async (metric: string) =>
      (await screen.findAllByTestId('kb-stat')).find((el) => el.dataset.metric === metric);
    expect(await tile('helpful')).toHaveTextContent('7');
    expect(await tile('helpfulShare')).toHaveTextContent('87.5%');
    expect(await tile('solved')).toHaveTextContent('Solved by an article4');
    expect(await tile('human')).toHaveTextContent('Asked for a person2');
    expect(await tile('solvedShare')).toHaveTextContent('66.7%');
    const table = screen.getByTestId('kb-stats-table');
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(table).toHaveTextContent('Returns and refunds');
    expect(table).not.toHaveTextContent('Shipping times');
  });
});
