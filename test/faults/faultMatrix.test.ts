/**
 * The fault matrix: every scenario of scenarios.ts × every operation of operations.ts, against
 * the emulator over real sockets. Each cell checks the outcome a person gets (success after a
 * retry, or an error of the right kind whose message names the cause), that nothing crashed or
 * hung (every cell runs under a hard time limit), that a write was never sent again when it may
 * have landed, and that the emulator's state agrees with what was reported, re-read through the
 * client. At the end it prints the table scenario × operation → outcome, and the counts.
 */
import * as assert from 'node:assert/strict';
import { AsanaClient } from '../../src/asana/client';
import { AccountStore } from '../../src/store/accountStore';
import { startEmulator, type Emulator } from '../emulator/index';
import { RecordingLogger } from '../helpers/recordingLogger';
import { OPERATIONS, type OpContext, type OpResult, type Operation } from './operations';
import { expectationFor, SCENARIOS, type Expected, type Scenario } from './scenarios';
import { printTable, within, type Cell } from './table';

/** No cell may take longer than this, whatever the fault: a hung command fails its cell. */
const CASE_LIMIT_MS = 10_000;
const CLIENT_TIMEOUT_MS = 400;

describe('Fault matrix: scenario × operation', function () {
  this.timeout(CASE_LIMIT_MS + 10_000);
  let emu: Emulator;
  let workspace: string;
  const cells: Cell[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  let started = 0;

  before(async () => {
    started = performance.now();
    process.on('unhandledRejection', onUnhandled);
    emu = await startEmulator({ seed: 13, sizes: { bigWorkspaceMembers: 250 } });
    workspace = emu.state.seedInfo.workspaces.acme;
  });
  beforeEach(() => emu.reset());
  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    await emu?.close();
    printTable(cells, SCENARIOS, OPERATIONS, performance.now() - started);
  });

  let n = 0;
  for (const scenario of SCENARIOS) {
    describe(scenario.name, () => {
      for (const op of OPERATIONS) {
        const expected = expectationFor(scenario, op);
        const caseId = `c${++n}`;
        if (expected.outcome === 'n/a') {
          cells.push({ scenario: scenario.name, op: op.id, expected, actual: 'n/a', pass: undefined, ms: 0, note: expected.why ?? '' });
          continue;
        }
        it(`${op.label} → ${describeExpected(expected)}`, async () => {
          await runCell(scenario, op, expected, caseId);
        });
      }
    });
  }

  async function runCell(scenario: Scenario, op: Operation, expected: Expected, caseId: string): Promise<void> {
    const log = new RecordingLogger();
    const client = new AsanaClient({
      token: emu.tokens.admin,
      baseUrl: emu.baseUrl,
      logger: log,
      timeoutMs: CLIENT_TIMEOUT_MS,
      retryBaseMs: 10,
      retryMaxMs: 50,
      random: () => 0.5,
      ...scenario.client,
    });
    const waits: number[] = [];
    client.onRateLimitWait((w) => waits.push(w.waitMs));
    let pages = 0;
    const account = new AccountStore({ client, accountGid: emu.state.userForToken(emu.tokens.admin)!.gid, snapshots: undefined, logger: log });
    if (op.needsAccount) {
      await account.start();
      // The requests of that start are not the operation's.
      emu.counters.reset();
    }
    const ctx: OpContext = {
      emu,
      client,
      account,
      workspace,
      caseId,
      onPage: () => {
        pages++;
        if (scenario.pages === 'expire-every-page' || (scenario.pages === 'expire-once' && pages === 1)) emu.expireOffsets();
      },
    };
    const faultIds = new Set(scenario.faults(op).map((rule) => emu.faults.add(rule)));
    const unhandledBefore = unhandled.length;
    const cell: Cell = { scenario: scenario.name, op: op.id, expected, actual: '?', pass: false, ms: 0, note: '' };
    cells.push(cell);
    const t0 = performance.now();
    let result: OpResult | undefined;
    let crash: unknown;
    try {
      result = await within(CASE_LIMIT_MS, op.run(ctx), `${op.label} under "${scenario.name}"`);
    } catch (e) {
      crash = e;
    }
    cell.ms = performance.now() - t0;
    const fired = emu.faults
      .list()
      .filter((f) => faultIds.has(f.id) && f.route === op.route)
      .reduce((sum, f) => sum + f.applied, 0);
    const requests = emu.counters.byRoute[op.route] ?? 0;
    emu.faults.clear();
    cell.retries = log.lines.filter((l) => /retrying in/.test(l)).length;
    cell.waits = waits.length;
    cell.restarts = log.lines.filter((l) => /restarting the listing/.test(l)).length;
    try {
      cell.actual = crash ? `CRASH` : result!.ok ? 'ok' : result!.error!.kind;
      // Never a crash, never a hung operation.
      assert.equal(crash, undefined, `crashed or hung: ${crash instanceof Error ? crash.stack : String(crash)}`);
      assert.ok(result);
      assert.equal(unhandled.length, unhandledBefore, `unhandled rejection: ${String(unhandled.at(-1))}`);
      // The outcome the person should get.
      assert.equal(cell.actual, expected.outcome, `outcome; the person sees: ${result.shows}`);
      if (expected.message) assert.match(result.error?.message ?? '', expected.message);
      if (result.error) assert.ok(result.error.message.length > 0 && result.error.message.length < 600, 'a readable message');
      if (expected.fired !== undefined) assert.equal(fired, expected.fired, 'times the fault fired (retries into it)');
      if (expected.requests !== undefined) assert.equal(requests, expected.requests, `requests on ${op.route} (a write is never repeated)`);
      if (expected.waitMs) assert.deepEqual(waits, expected.waitMs, 'Retry-After waits announced');
      // What the server holds agrees with what was reported; re-reading shows the server's truth.
      const settled = await within(CASE_LIMIT_MS, op.settle(ctx, result), `${op.label}: settle`);
      if (op.writes) {
        if (expected.landed !== undefined) assert.equal(settled.landed, expected.landed, 'whether the write landed');
        cell.landed = settled.landed;
      }
      // The token never reaches the log, the message or what the person sees.
      for (const text of [log.text, result.shows, result.error?.message ?? '', result.error?.stack ?? '']) {
        assert.ok(!text.includes(emu.tokens.admin), 'the token leaked');
      }
      cell.note = settled.note ? `${settled.note}. The person sees: ${result.shows}` : result.shows;
      cell.fired = fired;
      cell.pass = true;
    } catch (e) {
      cell.note = e instanceof Error ? e.message.split('\n')[0]! : String(e);
      throw e;
    } finally {
      account.dispose();
      await client.dispose();
    }
  }
});

function describeExpected(e: Expected): string {
  const parts: string[] = [e.outcome === 'ok' ? 'ok' : `${e.outcome} error`];
  if (e.fired !== undefined && e.fired > 0) parts.push(`fault fired ${e.fired}×`);
  if (e.requests !== undefined) parts.push(`${e.requests} request${e.requests === 1 ? '' : 's'}`);
  if (e.landed !== undefined) parts.push(e.landed ? 'landed' : 'did not land');
  return parts.join(', ');
}
