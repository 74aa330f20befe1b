import { fireEvent, screen, within } from '@testing-library/preact';
import { aSiteConfig, fakeActions, renderWithI18n } from '../../test-support/render-with-i18n';
import { createChatStore } from '../chat-store';
import type { WidgetLocale } from '../i18n';
import type { PrechatView } from '../panel-view';
import { PreChatForm } from './PreChatForm';

async function renderForm(prechat: ReturnType<typeof aSiteConfig>['prechat'], locale: WidgetLocale = 'en') {
  const site = aSiteConfig({ prechat, departments: [{ id: 'dept_sales', name: 'Sales' }] });
  const fields = (['name', 'email', 'department'] as const).filter((field) => prechat[field] !== 'off');
  const view: PrechatView = { fields: [...fields], required: fields.some((field) => prechat[field] === 'required') };
  const actions = fakeActions();
  await renderWithI18n(<PreChatForm view={view} site={site} store={createChatStore()} actions={actions} />, locale);
  return { actions, form: screen.getByTestId('prechat-form') };
}

const errors = (form: HTMLElement) => within(form).queryAllByRole('alert').map((alert) => alert.textContent);

describe('PreChatForm', () => {
  it('says by the field that a required name of only spaces is blank, and does not start the chat', async () => {
    const { actions, form } = await renderForm({ name: 'required', email: 'optional', department: 'off' });
    const name = within(form).getByLabelText('Your name');
    fireEvent.input(name, { target: { value: '   ' } });
    fireEvent.input(within(form).getByLabelText('Your email (optional)'), { target: { value: 'ada@example.test' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Start chat' }));

    expect(errors(form)).toEqual(['Enter your name']);
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveFocus();
    expect(actions.identify).not.toHaveBeenCalled();

    fireEvent.input(name, { target: { value: 'Ada' } });
    expect(errors(form)).toEqual([]);
    fireEvent.click(within(form).getByRole('button', { name: 'Start chat' }));
    expect(actions.identify).toHaveBeenCalledWith({ name: 'Ada', email: 'ada@example.test' });
  });

  it('shows every field’s error together: a blank name, a bad e-mail and no department', async () => {
    const { actions, form } = await renderForm({ name: 'required', email: 'required', department: 'required' });
    fireEvent.input(within(form).getByLabelText('Your name'), { target: { value: '  ' } });
    fireEvent.input(within(form).getByLabelText('Your email'), { target: { value: 'ada@bad' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Start chat' }));

    expect(errors(form)).toEqual(['Enter your name', 'Enter a valid email address', 'Choose a department']);
    for (const label of ['Your name', 'Your email', 'Department']) {
      expect(within(form).getByLabelText(label)).toHaveAttribute('aria-invalid', 'true');
    }
    expect(actions.identify).not.toHaveBeenCalled();
  });

  it('asks for a blank required e-mail too, rather than leaving it to a browser bubble', async () => {
    const { form } = await renderForm({ name: 'optional', email: 'required', department: 'off' });
    fireEvent.click(within(form).getByRole('button', { name: 'Start chat' }));
    expect(errors(form)).toEqual(['Enter a valid email address']);
    expect(within(form).getByLabelText('Your email')).toHaveFocus();
    // Said again on the field, where a screen reader is now.
    expect(within(form).getByLabelText('Your email')).toHaveAccessibleDescription('Enter a valid email address');
    expect(within(form).getByLabelText('Your name (optional)')).not.toHaveAttribute('aria-describedby');
  });

  it('says it in the visitor’s language', async () => {
    const { form } = await renderForm({ name: 'required', email: 'off', department: 'off' }, 'be');
    fireEvent.click(within(form).getByRole('button', { name: 'Пачаць чат' }));
    expect(errors(form)).toEqual(['Увядзіце ваша імя']);
  });
});
