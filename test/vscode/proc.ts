// Child processes and ports: commands with their output kept in a log file, free ports, waiting for HTTP.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import { formatDuration, log } from './log';

export interface CommandOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Output goes to this file (appended); without it, output goes to the terminal. */
  readonly logFile?: string;
  /** Prints `still <label>… 45 s` every so often while the command runs. */
  readonly heartbeatLabel?: string;
}

export interface CommandResult {
  readonly code: number;
  readonly output: string;
}

/** Runs a command to its end; rejects with the tail of its output when it exits non-zero. */
export async function runCommand(command: string, args: readonly string[], options: CommandOptions = {}): Promise<CommandResult> {
  const started = Date.now();
  const sink = options.logFile ? fs.openSync(options.logFile, 'a') : undefined;
  if (sink !== undefined) fs.writeSync(sink, `\n$ ${command} ${args.join(' ')}\n`);
  const chunks: Buffer[] = [];
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer): void => {
    chunks.push(chunk);
    if (sink !== undefined) fs.writeSync(sink, chunk);
    else process.stdout.write(chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const heartbeat = options.heartbeatLabel
    ? setInterval(() => log(`  still ${options.heartbeatLabel}… ${formatDuration(Date.now() - started)}`), 15_000)
    : undefined;
  try {
    const code = await new Promise<number>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (exitCode, signal) => resolve(exitCode ?? (signal ? 128 : 1)));
    });
    const output = Buffer.concat(chunks).toString('utf8');
    if (code !== 0) {
      const tail = output.split('\n').slice(-40).join('\n');
      const where = options.logFile ? ` (full output: ${options.logFile})` : '';
      throw new Error(`\`${command} ${args.join(' ')}\` exited with ${code}${where}\n${tail}`);
    }
    return { code, output };
  } finally {
    if (heartbeat) clearInterval(heartbeat);
    if (sink !== undefined) fs.closeSync(sink);
  }
}

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** GET `url` once; resolves with the status code, or undefined when nothing answers. */
function probe(url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(undefined));
  });
}

/** Polls `url` until it answers 200, `isDead()` turns true, or `timeoutMs` passes. */
export async function waitForHttp(url: string, timeoutMs: number, isDead: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const dead = isDead();
    if (dead) throw new Error(dead);
    if ((await probe(url)) === 200) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${formatDuration(timeoutMs)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Waits for `promise`, or rejects with `message` after `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}
