/**
 * Snapshot files on disk: one private folder per account and API URL, files only the user can read,
 * the size ceiling on both sides, missing files read as nothing without a word, failed writes that
 * leave no litter, and a sign-out that no earlier write can undo.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Logger } from '../../../src/asana/logger';
import { encodeWorkspaces } from '../../../src/store/snapshotCodec';
import { MAX_SNAPSHOT_BYTES, SnapshotFiles, snapshotFolder } from '../../../src/store/snapshotFiles';

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const put = (m: string) => lines.push(m);
  return { lines, trace: put, debug: put, info: put, warn: put, error: put };
}

const owner = { accountGid: '1200', apiBaseUrl: 'http://127.0.0.1:1/api/1.0' };
const acme = { gid: '1100', name: 'Acme', is_organization: true, email_domains: ['acme.test'] };

describe('SnapshotFiles', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'asana-snapshots-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }));

  it('gives each account and each API URL its own short folder', () => {
    const folder = snapshotFolder(root, owner);
    assert.match(path.basename(folder), /^[0-9a-f]{24}$/);
    assert.equal(path.dirname(folder), path.join(root, 'snapshots'));
    assert.notEqual(snapshotFolder(root, { ...owner, accountGid: '1201' }), folder);
    assert.notEqual(snapshotFolder(root, { ...owner, apiBaseUrl: 'https://app.asana.com/api/1.0' }), folder);
    assert.equal(snapshotFolder(root, { ...owner }), folder);
  });

  it('writes files only the user can read, and reads them back', async () => {
    const files = new SnapshotFiles(root, owner, recordingLogger());
    await files.writeWorkspaces({ savedAt: 5, workspaces: [acme] });
    const file = path.join(files.folder, 'workspaces.json');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(await files.readWorkspaces(), { savedAt: 5, workspaces: [acme] });
    assert.deepEqual(fs.readdirSync(files.folder), ['workspaces.json']);
  });

  it('reads a missing snapshot as none, without a word', async () => {
    const logger = recordingLogger();
    const files = new SnapshotFiles(root, owner, logger);
    assert.equal(await files.readWorkspaces(), undefined);
    assert.equal(await files.readMembers({ gid: '1100', name: 'Acme' }), undefined);
    assert.deepEqual(logger.lines, []);
  });

  it('refuses a file beyond the ceiling without reading it, and reads one at the ceiling', async () => {
    const logger = recordingLogger();
    const files = new SnapshotFiles(root, owner, logger);
    fs.mkdirSync(files.folder, { recursive: true });
    const file = path.join(files.folder, 'workspaces.json');
    // Sparse files of zeros: the size is what counts.
    fs.writeFileSync(file, '');
    fs.truncateSync(file, MAX_SNAPSHOT_BYTES + 1);
    assert.equal(await files.readWorkspaces(), undefined);
    assert.deepEqual(logger.lines, [`Ignoring the snapshot workspaces.json: ${MAX_SNAPSHOT_BYTES + 1} bytes, more than ${MAX_SNAPSHOT_BYTES}.`]);
    fs.truncateSync(file, MAX_SNAPSHOT_BYTES);
    assert.equal(await files.readWorkspaces(), undefined);
    assert.match(logger.lines[1]!, /^Ignoring the snapshot workspaces\.json: not valid JSON/);
  });

  it('does not keep a snapshot beyond the ceiling, and keeps one at the ceiling', async function () {
    this.timeout(60_000);
    const logger = recordingLogger();
    const files = new SnapshotFiles(root, owner, logger);
    const base = Buffer.byteLength(encodeWorkspaces(owner, { savedAt: 5, workspaces: [{ ...acme, name: '' }] }));
    const atCeiling = { savedAt: 5, workspaces: [{ ...acme, name: 'a'.repeat(MAX_SNAPSHOT_BYTES - base) }] };
    await files.writeWorkspaces({ savedAt: 5, workspaces: [{ ...acme, name: 'a'.repeat(MAX_SNAPSHOT_BYTES - base + 1) }] });
    assert.ok(!fs.existsSync(path.join(files.folder, 'workspaces.json')));
    assert.deepEqual(logger.lines, [`Not keeping the snapshot workspaces.json: larger than ${MAX_SNAPSHOT_BYTES} bytes.`]);
    await files.writeWorkspaces(atCeiling);
    assert.equal(fs.statSync(path.join(files.folder, 'workspaces.json')).size, MAX_SNAPSHOT_BYTES);
  });

  it('fails a write that cannot land, leaving no temporary file behind', async () => {
    const files = new SnapshotFiles(root, owner, recordingLogger());
    // A folder where the file should be: the final rename fails.
    fs.mkdirSync(path.join(files.folder, 'workspaces.json', 'inside'), { recursive: true });
    await assert.rejects(files.writeWorkspaces({ savedAt: 5, workspaces: [acme] }));
    assert.deepEqual(fs.readdirSync(files.folder), ['workspaces.json']);
  });

  it('refuses a workspace id that is not a number before touching the disk', async () => {
    const files = new SnapshotFiles(root, owner, recordingLogger());
    for (const gid of ['../../escape', '12a', 'a12', '']) {
      await assert.rejects(files.readMembers({ gid, name: 'X' }), { name: 'SnapshotRefused', message: `not a workspace id: ${gid}` });
      await assert.rejects(files.writeMembers({ gid, name: 'X' }, { savedAt: 5, memberships: [], emails: new Map() }), { name: 'SnapshotRefused' });
    }
    assert.ok(!fs.existsSync(path.join(root, 'snapshots')));
  });

  it('drops a write asked for before clear(), even one queued behind another write', async () => {
    const files = new SnapshotFiles(root, owner, recordingLogger());
    const writes = [files.writeWorkspaces({ savedAt: 5, workspaces: [acme] }), files.writeMembers(acme, { savedAt: 5, memberships: [], emails: new Map() })];
    const cleared = files.clear();
    await Promise.all([...writes, cleared]);
    assert.ok(!fs.existsSync(files.folder));
    // Writes asked for after the sign-out land again.
    await files.writeWorkspaces({ savedAt: 6, workspaces: [acme] });
    assert.equal((await files.readWorkspaces())?.savedAt, 6);
  });

  it('does not even try a write asked for before clear(): its failure cannot surface after the sign-out', async () => {
    const logger = recordingLogger();
    const files = new SnapshotFiles(root, owner, logger);
    // A folder where the file should be: tried, this write would fail at the rename.
    fs.mkdirSync(path.join(files.folder, 'workspaces.json', 'inside'), { recursive: true });
    const write = files.writeWorkspaces({ savedAt: 5, workspaces: [acme] });
    const cleared = files.clear();
    await write;
    await cleared;
    assert.ok(!fs.existsSync(files.folder));
    assert.deepEqual(logger.lines, []);
  });

  it('clears an account that never kept anything', async () => {
    const files = new SnapshotFiles(root, owner, recordingLogger());
    await files.clear();
    assert.ok(!fs.existsSync(files.folder));
  });
});
