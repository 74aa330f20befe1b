/** Subscribes a component to the chat store. */
import { useEffect, useState } from 'preact/hooks';
import type { ChatState, ChatStore } from './chat-store';

export function useChatState(store: ChatStore): ChatState {
  const [state, setState] = useState(store.getState);
  useEffect(() => {
    // The store may have changed between render and subscription.
    setState(store.getState());
    return store.subscribe(setState);
  }, [store]);
  return state;
}
