import type { CannedReply } from '@parley/shared';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { AGENT } from '../../test-support/fixtures';
import { ADMIN, openAdmin, SALES } from '../../test-support/open-admin';

beforeEach(() => window.localStorage.clear());

const reply = (overrides: Partial<CannedReply>): CannedReply => ({
  id: `canned-${overrides.shortcut ?? 'x'}-0001`,
  siteId: AGENT.siteId,
  shortcut: 'hello',
  text: 'Hello! How can I help?',
  departmentId: null,
  ownerAgentId: null,
  ...overrides,
});

async function openCanned(as = ADMIN, replies: CannedReply[] = []) {
  const rendered = await openAdmin(as, 'canned');
  let saved = 0;
  rendered.socket.handle('canned:save', (input) => ({
    ok: true,
    data: reply({
      id: input.id ?? `canned-new-${String(++saved).padStart(4, '0')}`,
      shortcut: input.shortcut,
      text: input.text,
      departmentId: input.personal ? null : (input.departmentId ?? null),
      ownerAgentId: input.personal ? as.id : null,
    }),
  }));
  rendered.socket.handle('canned:delete', ({ id }) => ({ ok: true, data: { id } }));
  act(() => rendered.app.live.value?.canned.replaceAll(replies));
  return rendered;
}

describe('canned replies', () => {
  it('marks the shortcut and its rule in red while what is typed breaks the rule', async () => {
    await openCanned();
    fireEvent.click(await screen.findByRole('button', { name: 'Add reply' }));
    const editor = await screen.findByRole('dialog', { name: 'Add a canned reply' });
    const shortcut = within(editor).getByRole('textbox', { name: 'Shortcut' });
    const rule = within(editor).getByText('Type /shortcut in a reply to use it. Letters, digits, _ or -.');
    expect(rule).not.toHaveClass('field__hint--error');
    fireEvent.input(shortcut, { target: { value: 'two words' } });
    expect(shortcut).toHaveAttribute('aria-invalid', 'true');
    expect(rule).toHaveClass('field__hint--error');
    fireEvent.input(shortcut, { target: { value: 'two-words' } });
    expect(shortcut).toHaveAttribute('aria-invalid', 'false');
    expect(rule).not.toHaveClass('field__hint--error');
  });

  it('lets an admin add a reply for a department, grouped under it', async () => {
    const { socket } = await openCanned();
    fireEvent.click(await screen.findByRole('button', { name: 'Add reply' }));
    const editor = await screen.findByRole('dialog', { name: 'Add a canned reply' });
    fireEvent.input(within(editor).getByRole('textbox', { name: 'Shortcut' }), {
      target: { value: '/refund' },
    });
    fireEvent.input(within(editor).getByRole('textbox', { name: 'Text' }), {
      target: { value: 'Your refund is on its way.' },
    });
    fireEvent.change(within(editor).getByRole('combobox', { name: 'Who can use it' }), {
      target: { value: SALES.id },
    });
    fireEvent.click(within(editor).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(socket.emitsOf('canned:save')).toEqual([
      { shortcut: 'refund', text: 'Your refund is on its way.', personal: false, departmentId: SALES.id },
    ]);
    expect(within(screen.getByTestId(`canned-group-${SALES.id}`)).getByText('/refund')).toBeInTheDocument();
    // '/refund', not 'refund/', in an Arabic console too.
    expect(within(screen.getByTestId(`canned-group-${SALES.id}`)).getByText('/refund')).toHaveAttribute('dir', 'ltr');
  });

  it('gives an agent only personal replies to keep, and shared ones to read', async () => {
    const { socket } = await openCanned(AGENT, [
      reply({ shortcut: 'hello' }),
      reply({ shortcut: 'mine', text: 'My own words', ownerAgentId: AGENT.id }),
    ]);
    const shared = within(await screen.findByTestId('canned-group-everyone'));
    expect(shared.getByText('/hello')).toBeInTheDocument();
    expect(shared.queryByRole('button', { name: 'Edit /hello' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Add reply' }));
    const scope = within(await screen.findByRole('dialog')).getByRole('combobox', { name: 'Who can use it' });
    expect([...(scope as HTMLSelectElement).options].map((o) => o.textContent)).toEqual(['Only me']);
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });

    fireEvent.click(screen.getByRole('button', { name: 'Delete /mine' }));
    const confirm = await screen.findByRole('dialog', { name: 'Delete /mine?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByText('/mine')).toBeNull());
    expect(socket.emitsOf('canned:delete')).toEqual([{ id: 'canned-mine-0001' }]);
  });

  it('explains by the shortcut field, in the agent\'s language, a shortcut already taken regardless of case', async () => {
    const { socket } = await openCanned();
    socket.handle('canned:save', () => ({
      ok: false,
      error: {
        code: 'ALREADY_TAKEN',
        message: 'The shortcut /HELLO is already used.',
        issues: [{ path: 'shortcut', message: 'The shortcut /HELLO is already used.' }],
      },
    }));
    fireEvent.click(await screen.findByRole('button', { name: 'Add reply' }));
    const editor = await screen.findByRole('dialog');
    const shortcut = within(editor).getByRole('textbox', { name: 'Shortcut' });
    fireEvent.input(shortcut, { target: { value: 'HELLO' } });
    fireEvent.input(within(editor).getByRole('textbox', { name: 'Text' }), { target: { value: 'Hi' } });
    fireEvent.click(within(editor).getByRole('button', { name: 'Save' }));
    const alert = await within(editor).findByRole('alert');
    expect(alert).toHaveTextContent('/HELLO is already used by another reply for the same people.');
    expect(shortcut).toHaveAttribute('aria-invalid', 'true');
    expect(shortcut).toHaveAccessibleDescription(expect.stringContaining('/HELLO is already used'));
    // Changing the shortcut takes the complaint away.
    fireEvent.input(shortcut, { target: { value: 'HELLO2' } });
    expect(within(editor).queryByRole('alert')).toBeNull();
  });
});
