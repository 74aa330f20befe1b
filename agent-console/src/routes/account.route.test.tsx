import type { TwoFactorStatus } from '@parley/shared';
import { fireEvent, screen, within } from '@testing-library/preact';
import { ApiError } from '../api/api-error';
import { TOKEN } from '../test-support/fixtures';
import { renderSignedIn } from '../test-support/render-console';

beforeEach(() => window.localStorage.clear());

const QR_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"><path d="M0 0h7v7H0z"/></svg>';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const CODES = ['abcd-efgh-jkmn-pqrs', 'tuvw-xyz2-3456-789a'];

async function openAccount() {
  let status: TwoFactorStatus = { enabled: false, recoveryCodesLeft: 0 };
  const rendered = await renderSignedIn({
    rest: {
      twoFactorStatus: async () => status,
      beginTwoFactor: async () => ({ secret: SECRET, otpauthUri: `otpauth://totp/Parley:ana?secret=${SECRET}`, qrSvg: QR_SVG }),
      confirmTwoFactor: async (_token, code) => {
        if (code !== '287082') throw new ApiError({ code: 'INVALID_CODE', message: 'wrong' });
        status = { enabled: true, recoveryCodesLeft: CODES.length };
        return { recoveryCodes: CODES };
      },
      disableTwoFactor: async () => {
        status = { enabled: false, recoveryCodesLeft: 0 };
      },
      changePassword: async (_token, change) => {
        if (change.currentPassword !== 'old password here') throw new ApiError({ code: 'INVALID_CREDENTIALS', message: 'no' });
      },
    },
  });
  fireEvent.click(screen.getByTestId('agent-name'));
  await screen.findByRole('heading', { name: 'Your account' });
  return rendered;
}

describe('account: two-step sign-in', () => {
  it('shows the QR code and the key, turns on only with a right code, and shows the recovery codes once', async () => {
    const { rest } = await openAccount();
    const section = screen.getByTestId('two-factor-settings');
    expect(await within(section).findByText('Off: signing in needs only your password.')).toBeInTheDocument();

    fireEvent.click(within(section).getByRole('button', { name: 'Turn on' }));
    const qr = await within(section).findByRole('img', { name: 'QR code for your authenticator app' });
    expect(qr.getAttribute('src')).toBe(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(QR_SVG)}`);
    expect(within(section).getByTestId('two-factor-secret')).toHaveTextContent('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');

    fireEvent.input(within(section).getByLabelText('Code shown by the app'), { target: { value: '111111' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Turn on two-step sign-in' }));
    expect(await within(section).findByRole('alert')).toHaveTextContent('The code is wrong, was already used, or is too old.');

    fireEvent.input(within(section).getByLabelText('Code shown by the app'), { target: { value: '287082' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Turn on two-step sign-in' }));
    const codes = await within(section).findByTestId('recovery-codes');
    expect(within(codes).getAllByRole('listitem').map((item) => item.textContent)).toEqual(CODES);
    expect(rest.confirmTwoFactor).toHaveBeenLastCalledWith(TOKEN, '287082');

    fireEvent.click(within(codes).getByRole('button', { name: 'I have saved them' }));
    expect(await within(section).findByText('On: signing in needs your password and a code from your authenticator app.')).toBeInTheDocument();
    expect(within(section).getByText('Unused recovery codes: 2')).toBeInTheDocument();
    // Shown once: the codes and the key are gone from the page.
    expect(screen.queryByTestId('recovery-codes')).toBeNull();
    expect(screen.queryByTestId('two-factor-secret')).toBeNull();
  });

  it('turns off with the password and a code', async () => {
    const { rest } = await openAccount();
    const section = screen.getByTestId('two-factor-settings');
    fireEvent.click(await within(section).findByRole('button', { name: 'Turn on' }));
    fireEvent.input(await within(section).findByLabelText('Code shown by the app'), { target: { value: '287082' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Turn on two-step sign-in' }));
    fireEvent.click(await within(section).findByRole('button', { name: 'I have saved them' }));

    fireEvent.click(await within(section).findByRole('button', { name: 'Turn off' }));
    fireEvent.input(within(section).getByLabelText('Password'), { target: { value: 'my password' } });
    fireEvent.input(within(section).getByLabelText('Code'), { target: { value: 'abcd-efgh-jkmn-pqrs' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Turn off two-step sign-in' }));
    expect(await within(section).findByText('Off: signing in needs only your password.')).toBeInTheDocument();
    expect(rest.disableTwoFactor).toHaveBeenCalledWith(TOKEN, { password: 'my password', code: 'abcd-efgh-jkmn-pqrs' });
  });
});

describe('account: password', () => {
  it('changes the password with the current one, and says other devices were signed out', async () => {
    const { rest } = await openAccount();
    const form = screen.getByTestId('password-change');
    const fill = (current: string) => {
      fireEvent.input(within(form).getByLabelText('Current password'), { target: { value: current } });
      fireEvent.input(within(form).getByLabelText('New password'), { target: { value: 'brand new password' } });
      fireEvent.input(within(form).getByLabelText('Repeat the new password'), { target: { value: 'brand new password' } });
      fireEvent.click(within(form).getByRole('button', { name: 'Change password' }));
    };
    fill('wrong password');
    expect(await within(form).findByRole('alert')).toHaveTextContent('The current password is incorrect.');

    fill('old password here');
    expect(await within(form).findByTestId('password-changed')).toHaveTextContent('Your other devices were signed out.');
    expect(rest.changePassword).toHaveBeenLastCalledWith(TOKEN, { currentPassword: 'old password here', newPassword: 'brand new password' });
    expect(within(form).getByLabelText('Current password')).toHaveValue('');
  });
});
