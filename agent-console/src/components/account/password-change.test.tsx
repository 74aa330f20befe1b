import { fireEvent, screen, within } from '@testing-library/preact';
import { ApiError } from '../../api/api-error';
import { renderSignedIn } from '../../test-support/render-console';

const CURRENT = 'old password here';

beforeEach(() => window.localStorage.clear());

/** The account page against a server that knows CURRENT and, like ours, refuses it as the new one by that field. */
async function openPasswordForm() {
  await renderSignedIn({
    rest: {
      changePassword: async (_token, change) => {
        if (change.currentPassword !== CURRENT) throw new ApiError({ code: 'INVALID_CREDENTIALS', message: 'The current password is wrong.' });
        if (change.newPassword === change.currentPassword) {
          const message = 'Choose a password different from the current one.';
          throw new ApiError({ code: 'VALIDATION_FAILED', message: `newPassword: ${message}`, issues: [{ path: 'newPassword', message }] });
        }
      },
    },
  });
  fireEvent.click(screen.getByTestId('agent-name'));
  await screen.findByRole('heading', { name: 'Your account' });
  const form = screen.getByTestId('password-change');
  const field = (label: string) => within(form).getByLabelText(label);
  const attempt = (current: string, password: string, repeat = password) => {
    fireEvent.input(field('Current password'), { target: { value: current } });
    fireEvent.input(field('New password'), { target: { value: password } });
    fireEvent.input(field('Repeat the new password'), { target: { value: repeat } });
    fireEvent.click(within(form).getByRole('button', { name: 'Change password' }));
  };
  return { form, field, attempt };
}

describe('password change', () => {
  it('says a wrong current password by that field, not as a wrong e-mail', async () => {
    const { form, field, attempt } = await openPasswordForm();
    attempt('not the password', 'brand new password');

    const alert = await within(form).findByRole('alert');
    expect(alert).toHaveTextContent('The current password is incorrect.');
    expect(within(form).queryByText(/e-mail/)).not.toBeInTheDocument();
    expect(field('Current password')).toHaveAttribute('aria-invalid', 'true');
    expect(field('Current password')).toHaveAccessibleDescription('The current password is incorrect.');
    expect(field('New password')).toHaveAttribute('aria-invalid', 'false');
  });

  it('clears the last attempt’s errors and red borders on the next attempt', async () => {
    const { form, field, attempt } = await openPasswordForm();
    attempt('not the password', 'brand new password');
    await within(form).findByTestId('current-password-wrong');

    attempt(CURRENT, 'brand new password', 'another new password');
    expect(within(form).getAllByRole('alert').map((alert) => alert.textContent)).toEqual(['The two new passwords differ.']);
    expect(field('Current password')).toHaveAttribute('aria-invalid', 'false');
    expect(field('Repeat the new password')).toHaveAttribute('aria-invalid', 'true');

    attempt(CURRENT, CURRENT);
    await within(form).findByTestId('new-password-refused');
    attempt('not the password', 'brand new password');
    await within(form).findByTestId('current-password-wrong');
    expect(within(form).getAllByRole('alert').map((alert) => alert.textContent)).toEqual(['The current password is incorrect.']);
    expect(field('New password')).toHaveAttribute('aria-invalid', 'false');
  });

  it('says by the new-password field that it must differ from the current one', async () => {
    const { form, field, attempt } = await openPasswordForm();
    attempt(CURRENT, CURRENT);

    const refusal = await within(form).findByTestId('new-password-refused');
    expect(refusal).toHaveTextContent('The new password must differ from the current one.');
    expect(within(form).getAllByRole('alert')).toEqual([refusal]);
    expect(within(form).queryByText('Please check the fields and try again.')).not.toBeInTheDocument();
    expect(field('New password')).toHaveAttribute('aria-invalid', 'true');
    expect(field('New password')).toHaveAccessibleDescription(/The new password must differ from the current one\./);
    expect(field('Current password')).toHaveAttribute('aria-invalid', 'false');
  });
});
