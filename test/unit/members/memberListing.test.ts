import * as assert from 'node:assert/strict';
import { AsanaClient } from '../../../src/asana/client';
import { MemberListing, type ListingProgress } from '../../../src/members/memberListing';
import { startEmulator, type Emulator } from '../../emulator/index';

describe('MemberListing against the emulator', () => {
  let emu: Emulator;
  let client: AsanaClient;

  before(async () => {
    emu = await startEmulator({ seed: 3, sizes: { bigWorkspaceMembers: 1_234 } });
  });
  beforeEach(() => {
    emu.reset();
    client = new AsanaClient({ token: emu.tokens.admin, baseUrl: emu.baseUrl, retryBaseMs: 10, retryMaxMs: 20 });
  });
  afterEach(() => client.dispose());
  after(() => emu.close());

  async function acmeGid(): Promise<string> {
    const acme = (await client.listWorkspaces()).find((w) => w.name === 'Acme Corp');
    assert.ok(acme);
    return acme.gid;
  }

  it('loads every active member with emails, announcing each page', async () => {
    const gid = await acmeGid();
    const progress: ListingProgress[] = [];
    const listing = new MemberListing(client, gid, (p) => progress.push(p));
    await listing.load();
    const expected = emu.state.memberships.filter((m) => m.workspace === gid && m.is_active);
    assert.equal(listing.state, 'done');
    assert.equal(listing.size, expected.length);
    assert.ok(progress.length >= Math.ceil(expected.length / 100));
    assert.ok(progress[0]!.members <= 100, 'the first announcement comes after the first page');
    for (const m of listing.memberships) {
      const user = emu.state.users.find((u) => u.gid === m.user.gid);
      assert.equal(listing.emailOf(m.user.gid), user?.email);
    }
  });

  it('keeps what it loaded when a later page fails, and says why', async () => {
    const gid = await acmeGid();
    emu.faults.add({ route: 'GET /workspaces/{workspace_gid}/workspace_memberships', kind: 'status', status: 403, after: 3 });
    const listing = new MemberListing(client, gid);
    await listing.load();
    assert.equal(listing.state, 'failed');
    assert.equal(listing.size, 300);
    assert.equal(listing.error?.kind, 'forbidden');
  });

  it('shows members without emails when the users listing fails', async () => {
    const gid = await acmeGid();
    emu.faults.add({ route: 'GET /users', kind: 'status', status: 402 });
    const listing = new MemberListing(client, gid);
    await listing.load();
    assert.equal(listing.state, 'done');
    assert.ok(listing.size > 1_000);
    assert.equal(listing.emailError?.kind, 'payment-required');
  });

  it('stops when cancelled', async () => {
    const gid = await acmeGid();
    emu.configure({ latencyMs: 30 });
    const listing = new MemberListing(client, gid);
    const run = listing.load();
    setTimeout(() => listing.cancel(), 100);
    await run;
    assert.equal(listing.state, 'cancelled');
    assert.ok(listing.size < 1_234);
  });
});
