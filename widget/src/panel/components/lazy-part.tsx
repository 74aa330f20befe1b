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

/**
 * Where a part that floats over the panel (a menu, a picker) says it failed: over the panel, beside its
 * button, rather than in the row or bar that holds the button, whose layout it would break.
 */
const FLOATING = ';position:absolute;z-index:1;max-width:240px;border-radius:8px;box-shadow:0 6px 24px rgb(0 0 0/.15)';
const FLOATING_FAILURE = {
  below: 'top:100%;inset-inline-end:8px' + FLOATING,
  above: 'bottom:100%;inset-inline-start:8px' + FLOATING,
};

/**
 * `load` imports a module whose default export is the part. `floats` is for a part shown over the panel, below or
 * above its button: a failure to load it is shown there too.
 */
export function lazyPart<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
  floats?: keyof typeof FLOATING_FAILURE,
): LazyPart<P> {
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
      if (Part) return;
      // Offline: the next try is when the connection is back (or Retry, or the next time the part is shown).
      const retry = (): void => setFailed(false);
      if (failed) {
        window.addEventListener('online', retry);
        return () => window.removeEventListener('online', retry);
      }
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
        <div role="alert" class="notice" style={floats && FLOATING_FAILURE[floats]}>
          {t('errors.generic')}{' '}
          <button type="button" class="link-button" onClick={() => setFailed(false)}>
            {t('status.retry')}
          </button>
        </div>
      )
    );
  }
  return Object.assign(Lazy, { preload });
}
