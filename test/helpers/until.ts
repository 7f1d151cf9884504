/** A pause of `ms`, for polling. */
export const tick = (ms = 10): Promise<unknown> => new Promise((r) => setTimeout(r, ms));

/** Polls `ok` every 10 ms until it holds; fails naming `what` after `ms`. */
export async function until(what: string, ok: () => boolean, ms = 10_000): Promise<void> {
  for (const end = Date.now() + ms; !ok(); await tick()) if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
}
