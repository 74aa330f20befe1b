/** On a screen change, focus moves to the new screen's main heading, as a single-page app should. */
import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

// Lazy screens and screens still loading draw their heading later; past this, the wait ends.
const HEADING_WAIT_MS = 10_000;

function focusHeading(container: HTMLElement): boolean {
  const heading = container.querySelector('h1');
  if (!heading) return false;
  // Reachable by script, not by Tab.
  if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
  heading.focus();
  return true;
}

/**
 * Without this, a screen change leaves focus on the element that caused it, which is often removed
 * (a ticket row, "← All tickets"), dropping a keyboard or screen-reader user to the page's body.
 * Not on the first screen: a fresh page keeps the browser's own start.
 */
export function useHeadingFocusOnScreenChange(root: RefObject<HTMLElement>, screenKey: string) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const container = root.current;
    if (!container || focusHeading(container)) return;
    const focusedBefore = document.activeElement;
    // If the agent has moved on to something in the new screen meanwhile, focus stays there.
    const untouched = () => {
      const now = document.activeElement;
      return now === focusedBefore || now === null || now === document.body || !now.isConnected;
    };
    const observer = new MutationObserver(() => {
      if (!untouched() || focusHeading(container)) stop();
    });
    const timer = setTimeout(() => stop(), HEADING_WAIT_MS);
    function stop() {
      observer.disconnect();
      clearTimeout(timer);
    }
    observer.observe(container, { childList: true, subtree: true });
    return stop;
  }, [root, screenKey]);
}
