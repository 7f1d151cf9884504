/**
 * Runs a probe in a fresh Node process (heap, RSS and JIT start cold) and returns what it measured.
 * The probe file calls `serveProbe(run)` when it is the main module; the parent calls `runInFreshProcess`.
 */
import { fork } from 'node:child_process';

type Fatal = { error: string; fatal: true };

export function runInFreshProcess<C, R extends object>(file: string, config: C, what: string): Promise<R> {
  return new Promise((resolve, reject) => {
    const child = fork(file, [], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: R | undefined;
    child.on('message', (message: R | Fatal) => {
      if ('fatal' in message) reject(new Error(`${what}: ${message.error}`));
      else result = message;
    });
    child.on('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`${what} exited with code ${code} without a result`));
    });
    child.send(config as object);
  });
}

/** In the child: runs the probe on the config the parent sends, replies, and exits. */
export function serveProbe<C, R>(run: (config: C) => Promise<R>): void {
  process.once('message', (config: C) => {
    run(config).then(
      (result) => process.send?.(result, () => process.exit(0)),
      (e: unknown) => process.send?.({ fatal: true, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }, () => process.exit(1)),
    );
  });
}
