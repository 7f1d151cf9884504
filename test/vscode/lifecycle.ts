// Cleanups that must run however the harness ends: normally, on an error, or on Ctrl-C / SIGTERM.
import { warn } from './log';

type Cleanup = () => Promise<void>;
const cleanups = new Set<Cleanup>();
let interruption: Promise<void> | undefined;

/** Registers `fn` to run on a signal; returns the function that unregisters it. */
export function onInterrupt(fn: Cleanup): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

async function interrupted(signal: NodeJS.Signals): Promise<void> {
  warn(`${signal}: stopping code-server and the browser…`);
  const results = await Promise.allSettled([...cleanups].map((fn) => fn()));
  for (const result of results) {
    if (result.status === 'rejected') warn(`cleanup failed: ${String(result.reason)}`);
  }
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    interruption ??= interrupted(signal);
  });
}

/** Exits with `code`, unless a signal arrived: then its cleanups finish first and it exits 130/143. */
export async function exitWhenDone(code: number): Promise<never> {
  if (interruption) await interruption;
  process.exit(code);
}
