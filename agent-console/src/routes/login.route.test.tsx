import { act, fireEvent, screen, waitFor } from '@testing-library/preact';
import { ApiError } from '../api/api-error';
import { AGENT, TOKEN } from '../test-support/fixtures';
import { renderConsole } from '../test-support/render-console';

const TOKEN_KEY = 'parley.console.token';

beforeEach(() => window.localStorage.clear());

async function signIn(email: string, password: string) {
  fireEvent.input(await screen.findByLabelText('E-mail'), { target: { value: email } });
  fireEvent.input(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('login', () => {
  it('signs in, keeps the token for the next visit and opens the workspace', async () => {
    const { rest, socket } = await renderConsole({ login: async () => ({ token: TOKEN, agent: AGENT }) });

    await signIn(' ana@example.com ', 'correct horse');

    expect(await screen.findByTestId('conversation-list')).toBeInTheDocument();
    expect(rest.login).toHaveBeenCalledWith({ email: 'ana@example.com', password: 'correct horse' });
    expect(window.localStorage.getItem(TOKEN_KEY)).toBe(JSON.stringify(TOKEN));
    expect(screen.getByTestId('agent-name')).toHaveTextContent('Ana');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(socket.emitted).toEqual([]); // nothing is asked before the socket is connected
  });

  it('shows the translated reason when the password is wrong, and stays on the form', async () => {
    await renderConsole({
      login: async () => {
        throw new ApiError({ code: 'INVALID_CREDENTIALS', message: 'Invalid e-mail or password' });
      },
    });

    await signIn('ana@example.com', 'wrong');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The e-mail or password is incorrect.');
    expect(alert).toHaveAttribute('data-code', 'INVALID_CREDENTIALS');
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled();
    expect(window.localStorage.getItem(TOKEN_KEY)).toBeNull();
  });

  it('a locked sign-in says how long the lock lasts, in the agent\'s language, rounded up to whole minutes', async () => {
    const { app } = await renderConsole({
      login: async () => {
        throw new ApiError({ code: 'RATE_LIMITED', message: 'Too many failed sign-ins. Try again in 15 minutes.', retryAfterSeconds: 841 });
      },
    });

    await signIn('ana@example.com', 'right at last');
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts. Try again in 15 minutes.');

    await act(() => app.translator.setLanguage('ru'));
    fireEvent.click(screen.getByRole('button', { name: 'Войти' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Слишком много попыток. Попробуйте снова через 15 минут.'));
  });

  it('a refusal over a limit that names no wait asks for a moment, and a short wait is said in seconds', async () => {
    const refusals = [
      new ApiError({ code: 'RATE_LIMITED', message: 'Too many requests.' }),
      new ApiError({ code: 'RATE_LIMITED', message: 'Too many requests.', retryAfterSeconds: 45 }),
    ];
    await renderConsole({
      login: async () => {
        throw refusals.shift();
      },
    });

    await signIn('ana@example.com', 'again');
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts. Please wait a moment and try again.');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Too many attempts. Try again in 45 seconds.'));
  });

  it('says why when the server ended the session, and not after the agent signed out themselves', async () => {
    window.localStorage.setItem(TOKEN_KEY, JSON.stringify(TOKEN));
    const { app } = await renderConsole({ me: async () => AGENT, login: async () => ({ token: TOKEN, agent: AGENT }) });
    await app.session.restore();
    expect(await screen.findByTestId('conversation-list')).toBeInTheDocument();

    // Expired, signed out in another tab, or deactivated: the socket's reconnect is refused.
    act(() => app.session.expire());
    expect(await screen.findByRole('status')).toHaveTextContent('Your session has ended. Please sign in again.');

    await signIn('ana@example.com', 'correct horse');
    expect(await screen.findByTestId('conversation-list')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByLabelText('E-mail')).toBeInTheDocument();
    expect(screen.queryByTestId('session-ended')).not.toBeInTheDocument();
  });

  it('stays signed in across a reload with a kept token, and signs out', async () => {
    window.localStorage.setItem(TOKEN_KEY, JSON.stringify(TOKEN));
    const { app, rest } = await renderConsole({ me: async () => AGENT });

    await app.session.restore();

    expect(await screen.findByTestId('conversation-list')).toBeInTheDocument();
    expect(rest.me).toHaveBeenCalledWith(TOKEN);

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByLabelText('E-mail')).toBeInTheDocument();
    expect(window.localStorage.getItem(TOKEN_KEY)).toBeNull();
    await waitFor(() => expect(rest.logout).toHaveBeenCalledWith(TOKEN));
  });

  it('forgets a kept token the server no longer accepts', async () => {
    window.localStorage.setItem(TOKEN_KEY, JSON.stringify(TOKEN));
    const { app } = await renderConsole({
      me: async () => {
        throw new ApiError({ code: 'UNAUTHENTICATED', message: 'expired' });
      },
    });

    await app.session.restore();

    expect(await screen.findByLabelText('E-mail')).toBeInTheDocument();
    expect(window.localStorage.getItem(TOKEN_KEY)).toBeNull();
  });
});

describe('two-step sign-in', () => {
  const challenge = {
    secondFactorRequired: true as const, enrolmentRequired: false, challenge: 'challenge-abcdefghijklmnopqrstuvwxyz', expiresAt: '2030-01-01T10:05:00.000Z',
  };

  it('asks for a code after the password, refuses a wrong one, and opens the workspace with the right one', async () => {
    const { rest } = await renderConsole({
      login: async () => challenge,
      rest: {
        completeSecondFactor: async ({ code }) => {
          if (code !== '123456') throw new ApiError({ code: 'INVALID_CODE', message: 'wrong' });
          return { token: TOKEN, agent: AGENT };
        },
      },
    });

    await signIn('ana@example.com', 'correct horse');

    const code = await screen.findByLabelText('Code');
    expect(screen.getByRole('heading', { name: 'Two-step sign-in' })).toBeInTheDocument();
    // The password alone kept nothing: no token, no workspace.
    expect(window.localStorage.getItem(TOKEN_KEY)).toBeNull();
    expect(screen.queryByTestId('conversation-list')).not.toBeInTheDocument();

    fireEvent.input(code, { target: { value: '654321' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The code is wrong, was already used, or is too old.');
    expect(screen.getByLabelText('Code')).toHaveAttribute('aria-invalid', 'true');

    fireEvent.input(screen.getByLabelText('Code'), { target: { value: ' 123456 ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));

    expect(await screen.findByTestId('conversation-list')).toBeInTheDocument();
    expect(rest.completeSecondFactor).toHaveBeenLastCalledWith({ challenge: challenge.challenge, code: '123456' });
    expect(window.localStorage.getItem(TOKEN_KEY)).toBe(JSON.stringify(TOKEN));
  });

  it('on a site that requires it, an agent without it sets it up before the workspace opens, and sees the recovery codes first', async () => {
    const { rest } = await renderConsole({
      login: async () => ({ ...challenge, enrolmentRequired: true }),
      rest: {
        beginChallengeEnrolment: async () => ({ secret: 'JBSWY3DPEHPK3PXP', otpauthUri: 'otpauth://totp/x', qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"/>' }),
        completeChallengeEnrolment: async () => ({ token: TOKEN, agent: AGENT, recoveryCodes: ['abcd-efgh-jkmn-pqrs'] }),
      },
    });
    await signIn('ana@example.com', 'correct horse');

    expect(await screen.findByRole('heading', { name: 'Set up two-step sign-in' })).toBeInTheDocument();
    expect(await screen.findByRole('img', { name: 'QR code for your authenticator app' })).toBeInTheDocument();
    expect(rest.beginChallengeEnrolment).toHaveBeenCalledWith(challenge.challenge);
    fireEvent.input(screen.getByLabelText('Code shown by the app'), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Turn on two-step sign-in' }));

    expect(await screen.findByText('abcd-efgh-jkmn-pqrs')).toBeInTheDocument();
    expect(rest.completeChallengeEnrolment).toHaveBeenCalledWith({ challenge: challenge.challenge, code: '123456' });
    // Not signed in until the codes were seen.
    expect(screen.queryByTestId('conversation-list')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'I have saved them' }));
    expect(await screen.findByTestId('conversation-list')).toBeInTheDocument();
    expect(window.localStorage.getItem(TOKEN_KEY)).toBe(JSON.stringify(TOKEN));
  });

  it('goes back to the password from the code step', async () => {
    await renderConsole({ login: async () => challenge });
    await signIn('ana@example.com', 'correct horse');
    fireEvent.click(await screen.findByRole('button', { name: 'Back to sign-in' }));
    expect(await screen.findByLabelText('Password')).toBeInTheDocument();
  });
});

describe('forgotten password', () => {
  it('asks for a link in the console language and says the same thing whatever the e-mail', async () => {
    const { rest } = await renderConsole({ rest: { forgotPassword: async () => undefined } });
    fireEvent.input(await screen.findByLabelText('E-mail'), { target: { value: 'ana@example.com ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Forgot your password?' }));

    expect(screen.getByLabelText('E-mail')).toHaveValue('ana@example.com');
    fireEvent.click(screen.getByRole('button', { name: 'Send link' }));

    expect(await screen.findByTestId('reset-link-sent')).toHaveTextContent(
      'If an account exists for ana@example.com, an e-mail with a link is on its way.',
    );
    expect(rest.forgotPassword).toHaveBeenCalledWith({ email: 'ana@example.com', locale: 'en' });
  });

  it('sets a new password from the e-mailed link, once', async () => {
    const { app, rest } = await renderConsole({
      rest: {
        resetPassword: jest
          .fn()
          .mockResolvedValueOnce(undefined)
          .mockRejectedValueOnce(new ApiError({ code: 'LINK_EXPIRED', message: 'used' })),
      },
    });
    app.navigation.go({ name: 'reset-password', token: 'reset-token-abcdefghijklmnop' });

    const fill = (password: string, repeat: string) => {
      fireEvent.input(screen.getByLabelText('New password'), { target: { value: password } });
      fireEvent.input(screen.getByLabelText('Repeat the new password'), { target: { value: repeat } });
      fireEvent.click(screen.getByRole('button', { name: 'Set password' }));
    };
    await screen.findByRole('heading', { name: 'Choose a new password' });
    fill('long enough pass', 'long enough typo');
    expect(await screen.findByRole('alert')).toHaveTextContent('The two new passwords differ.');
    expect(rest.resetPassword).not.toHaveBeenCalled();

    fill('long enough pass', 'long enough pass');
    expect(await screen.findByTestId('reset-done')).toHaveTextContent('Your new password is set.');
    expect(rest.resetPassword).toHaveBeenCalledWith({ token: 'reset-token-abcdefghijklmnop', newPassword: 'long enough pass' });

    fireEvent.click(screen.getByRole('button', { name: 'Go to sign-in' }));
    expect(await screen.findByLabelText('Password')).toBeInTheDocument();
  });
});
