/** Deleting departments in the console: the confirmation, what follows in the team and replies, and refusals. */
import {
  DEFAULT_SITE_SETTINGS,
  type Agent,
  type CannedReply,
  type Department,
  type SiteSettings,
} from '@parley/shared';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { ApiError } from '../../api/api-error';
import { fakeAdminClient } from '../../test-support/fake-admin-client';
import { AGENT } from '../../test-support/fixtures';
import { ADMIN, BOB, SALES } from '../../test-support/open-admin';
import { renderSignedIn } from '../../test-support/render-console';

beforeEach(() => window.localStorage.clear());

const BILLING: Department = { id: 'dept-billing-01', siteId: AGENT.siteId, name: 'Billing' };
const CAROL: Agent = {
  ...AGENT,
  id: 'agent-carol-0001',
  name: 'Carol',
  email: 'carol@example.com',
  departmentIds: [SALES.id, BILLING.id],
};
const SALES_BOB: Agent = { ...BOB, departmentIds: [SALES.id] };

const reply = (shortcut: string, departmentId: string | null): CannedReply => ({
  id: `canned-${shortcut}-0001`,
  siteId: AGENT.siteId,
  shortcut,
  text: `Text of ${shortcut}`,
  departmentId,
  ownerAgentId: null,
});

async function openDepartments(as: Agent = ADMIN, settings?: SiteSettings) {
  const admin = fakeAdminClient({ agents: [as, SALES_BOB, CAROL], departments: [SALES, BILLING], settings });
  const rendered = await renderSignedIn({ agent: as, admin });
  act(() =>
    rendered.app.live.value?.canned.replaceAll([reply('refund', SALES.id), reply('invoice', BILLING.id)]),
  );
  fireEvent.click(screen.getByTestId('admin-nav'));
  fireEvent.click(await screen.findByTestId('admin-nav-departments'));
  await screen.findByRole('button', { name: 'Delete Sales' });
  return { ...rendered, admin };
}

const departmentNames = () =>
  screen.getAllByTestId('department-item').map((item) => item.querySelector('strong')?.textContent);

describe('the department list', () => {
  it('counts the agents who take its chats: its own and those with no department, not deactivated ones', async () => {
    const admin = fakeAdminClient({
      agents: [ADMIN, SALES_BOB, CAROL, { ...BOB, id: 'agent-gone-00001', name: 'Gone', active: false }],
      departments: [SALES, BILLING],
    });
    await renderSignedIn({ agent: ADMIN, admin });
    fireEvent.click(screen.getByTestId('admin-nav'));
    fireEvent.click(await screen.findByTestId('admin-nav-departments'));
    // Alma has no department, so she takes both; Bob takes Sales, Carol both; Gone takes none.
    await waitFor(() =>
      expect(screen.getAllByTestId('department-item').map((item) => item.textContent)).toEqual([
        'BillingAgents: 2EditDelete',
        'SalesAgents: 3EditDelete',
      ]),
    );
  });
});

describe('adding a department', () => {
  it('refuses a name another department has but for case, in the admin\'s language, and adds nothing', async () => {
    const { admin } = await openDepartments();
    fireEvent.input(screen.getByRole('textbox', { name: 'New department' }), { target: { value: ' billing ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add department' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveAttribute('data-code', 'ALREADY_TAKEN');
    expect(alert).toHaveTextContent('A department with this name already exists. Capital letters do not make a different name.');
    expect(admin.createDepartment).toHaveBeenCalledWith('billing');
    expect(departmentNames()).toEqual(['Billing', 'Sales']);
  });
});

describe('deleting a department', () => {
  it("says whose chats widen before the admin confirms, then takes it out of the team and makes its replies everyone's", async () => {
    const { admin } = await openDepartments();
    fireEvent.click(screen.getByRole('button', { name: 'Delete Sales' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete Sales?' });
    // Carol keeps Billing; Bob served Sales alone, so an empty list (every department) is what he gets.
    expect(dialog).toHaveTextContent('Agents who work only in it will take chats of every department: Bob.');
    expect(dialog).toHaveTextContent(
      'Resolved chats and finished tickets keep it, shown as a removed department.',
    );

    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(admin.deleteDepartment).toHaveBeenCalledWith(SALES.id);
    expect(departmentNames()).toEqual(['Billing']);

    fireEvent.click(screen.getByTestId('admin-nav-agents'));
    const rowOf = async (id: string) =>
      (await screen.findAllByTestId('agent-row')).find((row) => row.dataset.agentId === id);
    expect(await rowOf(SALES_BOB.id)).toHaveTextContent('All');
    expect(await rowOf(CAROL.id)).toHaveTextContent('Billing');
    expect(await rowOf(CAROL.id)).not.toHaveTextContent('?');

    fireEvent.click(screen.getByTestId('admin-nav-canned'));
    expect(
      within(await screen.findByTestId('canned-group-everyone')).getByText('/refund'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId(`canned-group-${BILLING.id}`)).getByText('/invoice'),
    ).toBeInTheDocument();
  });

  it("explains in the admin's language what to move first when the server refuses, and keeps the department", async () => {
    const { admin, app } = await openDepartments(ADMIN);
    admin.deleteDepartment.mockRejectedValueOnce(
      new ApiError({
        code: 'DEPARTMENT_IN_USE',
        message:
          'This department is still in use. 2 open conversation(s) are in it. 1 unsolved ticket(s) are in it.',
        issues: [
          {
            path: 'openConversations',
            message: '2 open conversation(s) are in it: transfer or resolve them.',
          },
          {
            path: 'unsolvedTickets',
            message: '1 unsolved ticket(s) are in it: move them to another department or solve them.',
          },
        ],
      }),
    );
    await act(() => app.translator.setLanguage('ru'));
    fireEvent.click(screen.getByRole('button', { name: 'Удалить Sales' }));
    const dialog = await screen.findByRole('dialog', { name: 'Удалить Sales?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Удалить' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveAttribute('data-code', 'DEPARTMENT_IN_USE');
    expect(alert).toHaveTextContent('Этот отдел ещё используется. Сначала перенесите то, что в нём есть.');
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'В нём есть открытые чаты: передайте или завершите их.',
      'В нём есть нерешённые тикеты: перенесите их в другой отдел или решите.',
    ]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Отмена' }));
    expect(departmentNames()).toEqual(['Billing', 'Sales']);
  });

  it("is refused for the site's default department, pointing to the routing settings", async () => {
    const { admin } = await openDepartments(ADMIN, {
      ...DEFAULT_SITE_SETTINGS,
      defaultDepartmentId: SALES.id,
    });
    fireEvent.click(screen.getByRole('button', { name: 'Delete Sales' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete Sales?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'It is the default department: choose another one under Site settings → Routing.',
    );
    expect(admin.departments.map((d) => d.name)).toEqual(['Sales', 'Billing']);
  });

  it('is not offered to an agent who is not an admin', async () => {
    const admin = fakeAdminClient({ agents: [AGENT], departments: [SALES] });
    await renderSignedIn({ agent: AGENT, admin });
    fireEvent.click(screen.getByTestId('admin-nav'));
    fireEvent.click(await screen.findByTestId('admin-nav-departments'));
    await screen.findByText('Sales');
    expect(screen.queryByRole('button', { name: 'Delete Sales' })).toBeNull();
  });
});
