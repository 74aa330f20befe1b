/**
 * A rarely used part of the panel whose code is a chunk of its own, fetched the first time it is
 * shown (or earlier, through `preload`, once the panel knows it will be needed), together with the
 * parts' strings (locale namespace `widget-parts`).
 */
import type { ComponentType, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useTranslation } from '../i18n-context';

export type LazyPart<P> = FunctionComponent<P> & { preload(): Promise<unknown> };

/** Fetches the parts' strings (locale namespace `widget-parts`); the panel's start sets it. */
export const partStrings = { load: (): Promise<unknown> => Promise.resolve() };

/** `load` imports a module whose default export is the part. */
export function lazyPart<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): LazyPart<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = (): Promise<ComponentType<P>> =>
    (loading ??= Promise.all([load(), partStrings.load()]).then(
      ([module]) => (loaded = module.default),
      (error: unknown) => {
        // Offline, or a new deployment replaced the chunk: the next attempt fetches again.
        loading = undefined;
        throw error;
      },
    ));

  function Lazy(props: P) {
    const { t } = useTranslation();
    const [Part, setPart] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Part || failed) return;
      let mounted = true;
      preload().then(
        (part) => mounted && setPart(() => part),
        () => mounted && setFailed(true),
      );
      return () => {
        mounted = false;
      };
    }, [Part, failed]);
    if (Part) return <Part {...props} />;
    return (
      failed && (
        <button type="button" class="link-button" onClick={() => setFailed(false)}>
          {t('errors.generic')} {t('status.retry')}
        </button>
      )
    );
  }
  return Object.assign(Lazy, { preload });
}
