/**
 * A screen whose code loads the first time it is shown, so signing in to answer chats does not
 * download the tickets and administration screens. Without preact/compat's lazy (and its size).
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useT } from '../state/console-context';

export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const start = () => {
    loading ??= load().then((component) => (loaded = component));
    return loading;
  };

  return function LazyScreen(props: P) {
    const t = useT();
    const [, setReady] = useState(loaded !== null);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (loaded) return;
      let current = true;
      start().then(
        () => current && setReady(true),
        () => {
          loading = null; // a later visit tries again (a deploy replaced the chunk, the network blinked)
          if (current) setFailed(true);
        },
      );
      return () => {
        current = false;
      };
    }, []);
    if (loaded) {
      const Screen = loaded;
      return <Screen {...props} />;
    }
    return (
      <p class={failed ? 'form-error screen-state' : 'screen-state'} role={failed ? 'alert' : 'status'}>
        {failed ? t('errors.INTERNAL') : t('app.loading')}
      </p>
    );
  };
}
