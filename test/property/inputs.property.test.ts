/**
 * What people type into the commands (emails, user ids, workspace names, gids): empty, blank,
 * 10,000 characters, right-to-left, line breaks, control and zero-width characters. Each is
 * either accepted as something Asana can take, or refused with a short, clear message, before
 * any request: the emulator counts zero requests for every refused input.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { AsanaClient } from '../../src/asana/client';
import { InvalidInputError, isAsanaError } from '../../src/asana/errors';
import { collect } from '../../src/asana/pagination';
import { requireGid, requireUserRef, requireWorkspaceName } from '../../src/asana/validate';
import { runBulk } from '../../src/members/bulk';
import { parseUserList } from '../../src/members/parseUserList';
import { startEmulator, type Emulator } from '../emulator/index';
import { NASTY_SAMPLES, nastyString, spoiledEmail } from './arbitraries';
import { check, checkAsync, count } from './runs';

/** Characters no email address, user id or workspace name should smuggle in unseen. */
const CONTROL = /\p{Cc}/u;
const INVISIBLE = /[\p{Cf}\p{Cs}]/u;
const VISIBLE = /[^\s\p{Z}\p{Cc}\p{Cf}]/u;

type Verdict = { ok: true; value: string } | { ok: false; error: InvalidInputError };

function verdict(fn: () => string): Verdict {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    assert.ok(e instanceof InvalidInputError, `refusals are InvalidInputError, got ${String(e)}`);
    return { ok: false, error: e };
  }
}

/** A refusal a person can act on: short, one line, names what to fix, and shows at most a clip of the input. */
function assertClearRefusal(error: InvalidInputError, input: string): void {
  assert.equal(error.kind, 'invalid-input');
  assert.ok(error.field.length > 0, 'names the field');
  assert.ok(error.message.length > 10 && error.message.length <= 250, `message length ${error.message.length}: ${error.message.slice(0, 80)}`);
  assert.ok(!CONTROL.test(error.message), `no raw control characters: ${JSON.stringify(error.message)}`);
  if (input.length > 100) assert.ok(!error.message.includes(input), 'a long input is not repeated whole');
}

describe('Property: inputs from people are validated before any request', function () {
  this.timeout(180_000);

  describe('pure validation', () => {
    it('requireGid: digits only, or a clear refusal', () => {
      check(
        'requireGid(any text) → digits | clear InvalidInputError',
        fc.property(fc.oneof(nastyString, fc.bigInt({ min: 0n, max: 10n ** 40n }).map(String)), (text) => {
          count('inputs tried (pure validation)');
          const v = verdict(() => requireGid(text, 'workspace'));
          if (v.ok) {
            assert.match(v.value, /^\d{1,32}$/);
            assert.equal(v.value, text.trim());
          } else assertClearRefusal(v.error, text);
        }),
        2_000,
      );
    });

    it('requireUserRef: "me", a gid or a clean email, or a clear refusal', () => {
      check(
        'requireUserRef(any text, spoiled emails) → me | gid | clean email | clear InvalidInputError',
        fc.property(fc.oneof(nastyString, spoiledEmail, fc.emailAddress()), (text) => {
          count('inputs tried (pure validation)');
          const v = verdict(() => requireUserRef(text));
          if (!v.ok) return assertClearRefusal(v.error, text);
          const ref = v.value;
          assert.equal(requireUserRef(ref), ref, 'accepting is idempotent');
          if (ref === 'me' || /^\d{1,32}$/.test(ref)) return;
          assert.ok(ref.length <= 254);
          assert.equal(ref.split('@').length, 2, 'one @');
          assert.ok(!/\s/u.test(ref), 'no spaces or line breaks');
          assert.ok(!CONTROL.test(ref), 'no control characters');
          assert.ok(!INVISIBLE.test(ref), `no invisible characters in an accepted email: ${JSON.stringify(ref)}`);
        }),
        3_000,
      );
    });

    it('requireWorkspaceName: a visible, single-line name up to 1,024 characters, or a clear refusal', () => {
      check(
        'requireWorkspaceName(any text) → visible one-line name | clear InvalidInputError',
        fc.property(nastyString, fc.option(nastyString, { nil: undefined }), (text, current) => {
          count('inputs tried (pure validation)');
          const v = verdict(() => requireWorkspaceName(text, current));
          if (!v.ok) return assertClearRefusal(v.error, text);
          const name = v.value;
          assert.equal(name, text.trim());
          assert.ok(name.length >= 1 && name.length <= 1_024);
          assert.ok(!CONTROL.test(name), 'no line breaks or control characters');
          assert.ok(VISIBLE.test(name), `at least one visible character: ${JSON.stringify(name)}`);
          assert.notEqual(name, current);
        }),
        3_000,
      );
    });

    it('parseUserList: valid, distinct references and a clear reason for each refused token; never throws', () => {
      const pasted = fc.array(fc.oneof(nastyString, spoiledEmail, fc.emailAddress(), fc.constantFrom('me', '1200000000000001')), { maxLength: 8 }).chain((parts) =>
        fc.constantFrom(', ', '\n', '; ', ' ', '\r\n', ',\u200b').map((sep) => parts.join(sep)),
      );
      check(
        'parseUserList(pasted text) → valid distinct refs + refusals',
        fc.property(pasted, (text) => {
          count('inputs tried (pure validation)');
          const parsed = parseUserList(text);
          assert.ok(parsed.refs.length <= 500);
          const keys = parsed.refs.map((r) => r.toLowerCase());
          assert.equal(new Set(keys).size, keys.length, 'no duplicates');
          for (const ref of parsed.refs) {
            assert.equal(requireUserRef(ref), ref, 'every reference is one the client accepts as is');
            assert.ok(!INVISIBLE.test(ref) && !CONTROL.test(ref), `clean: ${JSON.stringify(ref)}`);
          }
          for (const bad of parsed.invalid) assert.ok(bad.message.length > 0 && bad.message.length <= 250);
        }),
        2_000,
      );
    });
  });

  describe('through the client, against the emulator: refused inputs send nothing', () => {
    let emu: Emulator;
    let client: AsanaClient;
    let acme: string;
    let acmeName: string;

    before(async () => {
      emu = await startEmulator({ seed: 17, sizes: { bigWorkspaceMembers: 50 } });
      client = new AsanaClient({ token: emu.tokens.admin, baseUrl: emu.baseUrl, maxReadRetries: 0 });
      acme = emu.state.seedInfo.workspaces.acme;
      acmeName = emu.state.workspace(acme)!.name;
    });
    after(async () => {
      await client?.dispose();
      await emu?.close();
    });

    /** Every way a person's text reaches a request, paired with the validator that guards it. */
    const ENTRY_POINTS: ReadonlyArray<{ label: string; guard: (t: string) => unknown; send: (t: string) => Promise<unknown> }> = [
      { label: 'rename (name)', guard: (t) => requireWorkspaceName(t, 'Acme Corp'), send: (t) => client.renameWorkspace(acme, t, { current: acmeName }) },
      { label: 'rename (gid)', guard: (t) => requireGid(t, 'workspace'), send: (t) => client.renameWorkspace(t, 'Some Name') },
      { label: 'add (user)', guard: requireUserRef, send: (t) => client.addUser(acme, t) },
      { label: 'add (gid)', guard: (t) => requireGid(t, 'workspace'), send: (t) => client.addUser(t, 'someone@acme.test') },
      { label: 'remove (user)', guard: requireUserRef, send: (t) => client.removeUser(acme, t) },
      { label: 'find user', guard: requireUserRef, send: (t) => client.getUser(t) },
      { label: 'user memberships', guard: requireUserRef, send: (t) => client.listUserMemberships(t) },
      { label: 'members of (gid)', guard: (t) => requireGid(t, 'workspace'), send: (t) => collect(client.workspaceMembershipPages(t)) },
      { label: 'open membership (gid)', guard: (t) => requireGid(t, 'membership'), send: (t) => client.getWorkspaceMembership(t) },
      { label: 'typeahead (gid)', guard: (t) => requireGid(t, 'workspace'), send: (t) => client.typeaheadUsers(t, 'ada') },
    ];

    it('every refused input is refused by the client with zero requests reaching the emulator', async () => {
      let refused = 0;
      await checkAsync(
        'client call(refused input) → InvalidInputError, 0 requests',
        fc.asyncProperty(fc.oneof(nastyString, spoiledEmail), fc.nat({ max: ENTRY_POINTS.length - 1 }), async (text, k) => {
          const entry = ENTRY_POINTS[k]!;
          count('inputs tried (through the client)');
          let guarded = true;
          try {
            entry.guard(text);
            guarded = false;
          } catch {
            // refused: the interesting case
          }
          if (!guarded) return; // accepted input: not sent here (writes would change the emulator)
          refused++;
          count('refused inputs sent to the client');
          const before = emu.counters.total;
          // Page generators refuse at the call, promises by rejecting: either way, nothing is sent.
          await assert.rejects(Promise.resolve().then(() => entry.send(text)), (e: unknown) => {
            assert.ok(e instanceof InvalidInputError, `${entry.label}: ${String(e)}`);
            assertClearRefusal(e, text);
            return true;
          });
          assert.equal(emu.counters.total, before, `${entry.label}: a refused input reached the emulator`);
        }),
        2_000,
      );
      assert.ok(refused > 500, `enough refusals exercised (${refused})`);
    });

    it('every fixed nasty sample, on every entry point: each refusal sends nothing', async () => {
      const before = emu.counters.total;
      for (const text of NASTY_SAMPLES) {
        for (const entry of ENTRY_POINTS) {
          count('inputs tried (fixed samples × entry points)');
          let accepted = true;
          try {
            entry.guard(text);
          } catch {
            accepted = false;
          }
          if (accepted) continue;
          const atStart = emu.counters.total;
          await assert.rejects(Promise.resolve().then(() => entry.send(text)), InvalidInputError);
          assert.equal(emu.counters.total, atStart, `${entry.label} sent ${JSON.stringify(text.slice(0, 40))}`);
        }
      }
      assert.equal(emu.counters.total - before, 0, 'no request at all: accepted samples were not sent either');
    });

    it('bulk add of pasted text (as the Add People command does): only valid references are sent, each once', async () => {
      emu.reset();
      await checkAsync(
        'parseUserList → runBulk(addUser): requests = valid refs',
        fc.asyncProperty(fc.array(fc.oneof(nastyString, spoiledEmail), { maxLength: 6 }), async (parts) => {
          count('inputs tried (bulk add)', parts.length);
          const parsed = parseUserList(parts.join('\n'));
          const before = emu.counters.byRoute['POST /workspaces/{workspace_gid}/addUser'] ?? 0;
          const totalBefore = emu.counters.total;
          const outcomes = await runBulk(parsed.refs, (ref) => client.addUser(acme, ref));
          assert.equal(outcomes.length, parsed.refs.length);
          for (const o of outcomes) {
            // Accepted references reach Asana; whatever it says comes back typed, never as a crash.
            if (!o.ok) assert.ok(isAsanaError(o.error) && o.error.kind !== 'invalid-input', `${o.input}: ${o.error.message}`);
            if (o.ok) assert.ok(!INVISIBLE.test(o.value.email ?? ''), 'no invisible characters reached an invitation');
          }
          const after = emu.counters.byRoute['POST /workspaces/{workspace_gid}/addUser'] ?? 0;
          assert.equal(after - before, parsed.refs.length, 'one request per valid reference, none for refused ones');
          assert.equal(emu.counters.total - totalBefore, parsed.refs.length, 'nothing else sent');
        }),
        150,
      );
    });
  });
});
