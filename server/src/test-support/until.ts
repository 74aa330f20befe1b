/**
 * Polls a condition the code under test reaches on its own (a socket gone, a file written), for up
 * to `timeoutMs`: tests wait on the outcome, never on a fixed sleep a loaded machine can outrun.
 */
export async function until(condition: () => boolean | Promise<boolean>, { timeoutMs = 5000, everyMs = 10 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
