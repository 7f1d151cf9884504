// RosterHistory on its own, with snapshot files in a temporary folder: what each look, Mark as Seen,
// removal and addition change, what is written to disk and when, what a disposed history leaves alone.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Logger } from '../../../src/asana/logger';
import { silentLogger } from '../../../src/asana/logger';
import { RosterHistory, type RosterLook } from '../../../src/store/rosterHistory';
import type { RosterPerson } from '../../../src/store/rosterChanges';
import { SnapshotFiles } from '../../../src/store/snapshotFiles';
import { removeFolder } from '../../helpers/removeFolder';

const WS = { gid: '1001', name: 'Acme Corp' };
const person = (n: number, group: RosterPerson['group'] = 'members', name = `Person ${n}`): RosterPerson => ({
  userGid: String(2000 + n),
  membershipGid: String(3000 + n),
  name,
  email: `p${n}@acme.test`,
  group,
});
const look = (asOf: number, ...people: RosterPerson[]): RosterLook => ({ roster: new Map(people.map((p) => [p.userGid, p])), asOf });

describe('RosterHistory on its own', () => {
  let root: string;
  let files: SnapshotFiles;
  let changed: number;
  const warnings: string[] = [];
  const logger: Logger = { ...silentLogger, warn: (m: string) => warnings.push(m) };
  const histories: RosterHistory[] = [];

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'asana-looks-'));
    files = new SnapshotFiles(root, { accountGid: '42', apiBaseUrl: 'https://app.asana.com/api/1.0' }, silentLogger);
    changed = 0;
    warnings.length = 0;
  });
  afterEach(async () => {
    for (const h of histories.splice(0)) h.dispose();
    await removeFolder(root);
  });

  function open(storage: SnapshotFiles | undefined = files): RosterHistory {
    const h = new RosterHistory(() => WS, storage, logger, () => changed++);
    histories.push(h);
    return h;
  }
  const fileNames = () => (fs.existsSync(files.folder) ? fs.readdirSync(files.folder).sort() : []);

  it('knows nothing before the first look: no changes, not a first look, no former members', async () => {
    const h = open();
    await h.whenLoaded();
    assert.equal(h.changes, undefined);
    assert.equal(h.isFirstLook, false);
    assert.deepEqual(h.former, []);
    assert.equal(changed, 0);
  });

  it('keeps the first look without writing any former members when nobody left', async () => {
    const h = open();
    await h.observe(look(100, person(1), person(2)), undefined);
    assert.equal(h.isFirstLook, true);
    assert.equal(changed, 1);
    assert.deepEqual(fileNames(), [`last-look-${WS.gid}.json`]);
    await h.observe(look(200, person(1), person(2)), look(100, person(1), person(2)));
    assert.deepEqual(fileNames(), [`last-look-${WS.gid}.json`], 'the same people again: no former members file');
    assert.equal(h.isFirstLook, false, 'a later roster is no first look any more');
    assert.equal(changed, 2);
  });

  it('after Mark as Seen, a reload reads the last look as seen, not as a first look, emails included', async () => {
    const h = open();
    await h.observe(look(100, person(1), person(2)), undefined);
    await h.markSeen(look(100, person(1), person(2)));
    assert.equal(changed, 2, 'Mark as Seen tells the view');
    h.dispose();
    const again = open();
    await again.observe(look(100, person(1), person(2)), undefined);
    assert.equal(again.isFirstLook, false);
    await again.observe(look(300, person(1)), undefined);
    assert.deepEqual(again.changes!.left, [person(2)], 'the one who left, with the email kept in the last look');
    assert.equal(again.changes!.since, 100);
    assert.equal(again.changes!.until, 300);
  });

  it('lists former members most recently seen first, then by name', async () => {
    const h = open();
    await h.observe(look(100, person(1, 'members', 'Zed'), person(2, 'members', 'Amy'), person(3, 'admins', 'Bob'), person(4)), undefined);
    await h.observe(look(200, person(4)), look(100, person(1, 'members', 'Zed'), person(2, 'members', 'Amy'), person(3, 'admins', 'Bob'), person(4)));
    h.sawLeave(person(4), 500);
    await h.whenLoaded();
    assert.deepEqual(
      h.former.map((f) => [f.name, f.lastSeenAt]),
      [
        ['Person 4', 500],
        ['Amy', 100],
        ['Bob', 100],
        ['Zed', 100],
      ],
    );
  });

  it('forgets a former member who joins again, and tells the view only then', async () => {
    const h = open();
    h.sawLeave(person(1), 100);
    await h.whenLoaded();
    assert.equal(changed, 1);
    h.sawJoin(person(2).userGid);
    await h.whenLoaded();
    assert.equal(changed, 1, 'someone who was no former member changes nothing');
    h.sawJoin(person(1).userGid);
    await h.whenLoaded();
    assert.equal(changed, 2);
    assert.deepEqual(h.former, []);
    const reloaded = open();
    await reloaded.whenLoaded();
    assert.deepEqual(reloaded.former, [], 'and forgets it on disk too');
  });

  it('when disposed, neither writes nor tells the view', async () => {
    const h = open();
    const observed = h.observe(look(100, person(1)), undefined);
    h.dispose();
    await observed;
    assert.equal(changed, 0);
    assert.equal(h.changes, undefined);
    const seen = open();
    const marked = seen.markSeen(look(100, person(1)));
    seen.dispose();
    await marked;
    const left = open();
    left.sawLeave(person(1), 100);
    left.dispose();
    await left.whenLoaded();
    assert.deepEqual(fileNames(), []);
  });

  it('says in the log which workspace\'s history failed, and goes on', async () => {
    fs.mkdirSync(path.dirname(files.folder), { recursive: true });
    fs.writeFileSync(files.folder, 'a file where the folder should be');
    const h = open();
    h.sawLeave(person(1), 100);
    await h.whenLoaded();
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0]!, /^Roster history of Acme Corp: .*(EEXIST|ENOTDIR)/);
    await h.observe(look(200, person(2)), undefined);
    assert.equal(h.changes?.until, undefined, 'the look could not be kept either');
    assert.equal(warnings.length, 2);
  });
});
