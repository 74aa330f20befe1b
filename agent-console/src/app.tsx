/** The console's root: applies theme and language to the page, and shows the screen for the session. */
import { useLayoutEffect } from 'preact/hooks';
import { LoginRoute } from './routes/login.route';
import { ResetPasswordRoute } from './routes/reset-password.route';
import { WorkspaceLoading, WorkspaceRoute } from './routes/workspace.route';
import { ConsoleContext } from './state/console-context';
import type { Console } from './state/console';

// Layout effects: the page's theme, language and direction change before the browser paints the text
// rendered for them, so a switch to Arabic never shows a frame of Arabic laid out left to right.
function usePageAttributes(app: Console) {
  const theme = app.preferences.theme.value;
  const language = app.translator.language.value;
  useLayoutEffect(() => {
    const root = document.documentElement;
    if (theme) root.dataset.theme = theme;
    else delete root.dataset.theme;
  }, [theme]);
  useLayoutEffect(() => {
    const root = document.documentElement;
    root.lang = language;
    root.dir = app.translator.dir();
  }, [app, language]);
}

function Screen({ app }: { app: Console }) {
  const phase = app.session.phase.value;
  const live = app.live.value;
  const route = app.navigation.route.value;
  // An e-mailed reset link opens its page whoever is signed in here.
  if (route.name === 'reset-password') return <ResetPasswordRoute token={route.token} />;
  if (phase === 'signed-out') return <LoginRoute />;
  if (phase === 'restoring' || !live) return <WorkspaceLoading />;
  // Keyed by the session so a new sign-in starts from fresh component state.
  return <WorkspaceRoute key={String(app.session.token.value)} />;
}

export function App({ app }: { app: Console }) {
  usePageAttributes(app);
  return (
    <ConsoleContext.Provider value={app}>
      <Screen app={app} />
    </ConsoleContext.Provider>
  );
}
