// The worker side of startWorker(): answers each IPC request with its handler's result.

export function serveRequests(handlers) {
  process.on('message', async ({ id, type, payload }) => {
    const handler = handlers[type];
    try {
      if (!handler) throw new Error(`no handler for ${type}`);
      process.send({ id, result: await handler(payload) });
    } catch (error) {
      process.send({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
  // The parent going away ends the worker: no orphaned load generators.
  process.on('disconnect', () => process.exit(0));
}

/** Runs `task` over `items` with at most `limit` at once. */
export async function inBatches(items, limit, task) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await task(items[index], index);
    }
  });
  await Promise.all(lanes);
}
