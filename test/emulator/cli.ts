/**
 * Runs the emulator until SIGINT/SIGTERM:
 *   node out/test/emulator/cli.js [--host H] [--port N] [--seed N] [--members N] [--latency MS|MIN-MAX] [--rate-limit N]
 * Prints a human summary and one machine-readable line:
 *   EMULATOR_READY {"baseUrl":"...","origin":"...","tokens":{...}}
 */
import { startEmulator } from './index';
import type { EmulatorOptions, LatencySpec } from './types';

const USAGE = 'usage: cli.js [--host H] [--port N] [--seed N] [--members N] [--latency MS|MIN-MAX] [--rate-limit N]';

export function parseArgs(argv: readonly string[]): EmulatorOptions {
  const opts: EmulatorOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    const [name, inline] = flag.includes('=') ? flag.split(/=(.*)/s) : [flag, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value\n${USAGE}`);
      return v;
    };
    switch (name) {
      case '--host': opts.host = value(); break;
      case '--port': opts.port = integer(name, value()); break;
      case '--seed': opts.seed = integer(name, value()); break;
      case '--members': opts.sizes = { bigWorkspaceMembers: integer(name, value()) }; break;
      case '--latency': opts.latencyMs = latency(value()); break;
      case '--rate-limit': opts.rateLimitPerMinute = integer(name, value()); break;
      case '--help': case '-h': throw new Error(USAGE);
      default: throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  return opts;
}

function integer(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new Error(`${flag} must be a non-negative integer, got "${text}"`);
  return Number(text);
}

function latency(text: string): LatencySpec {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!m) throw new Error(`--latency must be MS or MIN-MAX, got "${text}"`);
  return m[2] === undefined ? Number(m[1]) : [Number(m[1]), Number(m[2])];
}

async function main(): Promise<void> {
  let opts: EmulatorOptions;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  const emu = await startEmulator(opts);
  const t = emu.tokens;
  console.log(`Asana emulator listening on ${emu.baseUrl}`);
  console.log(`  admin token      (admin of Acme Corp):                  ${t.admin}`);
  console.log(`  member token     (member of Acme, Guild, Personal):     ${t.member}`);
  console.log(`  guest token      (guest in Acme Corp):                  ${t.guest}`);
  console.log(`  outsider token   (no workspace):                        ${t.outsider}`);
  console.log(`  consultant token (admin of Northwind, member of Guild): ${t.consultant}`);
  console.log(`  invalid token    (401):                                 ${t.invalid}`);
  console.log(`  control API: ${emu.origin}/__emulator/{counters,reset,faults,config,expire-offsets,tokens,info,roster}`);
  console.log(`EMULATOR_READY ${JSON.stringify({ baseUrl: emu.baseUrl, origin: emu.origin, tokens: t })}`);
  const stop = (): void => {
    void emu.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) void main();
