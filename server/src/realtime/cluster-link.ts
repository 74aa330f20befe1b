/**
 * What the realtime layer must know of the link between server processes (Redis): whether a count of
 * a room's sockets across processes can be trusted, and when broadcasts between processes were lost.
 */
export interface ClusterLink {
  /**
   * False while the link is down and for a while after it returns (or after this process starts):
   * the adapter counts only the processes it has heard from lately, so fetchSockets() may answer
   * with this process's sockets alone, and "no console open" would only mean "none open here".
   */
  countsAreComplete(): boolean;
  /**
   * Called when the link returns after being down, and once more when every process has had time to
   * reconnect too: the broadcasts made meanwhile reached only their own process's clients.
   */
  onBroadcastsLost(listener: () => void): void;
}

/** One process: every socket is here, nothing is ever lost between processes. */
export const SINGLE_PROCESS: ClusterLink = {
  countsAreComplete: () => true,
  onBroadcastsLost: () => undefined,
};
