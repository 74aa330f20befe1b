import { fireEvent, screen, waitFor } from '@testing-library/preact';
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
