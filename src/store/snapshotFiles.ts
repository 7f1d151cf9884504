/**
 * Snapshots on disk, one folder per account and API URL: written to a temporary file and renamed
 * (a crash mid-write leaves the previous snapshot whole), bounded in size, and read back through the
 * codec, which refuses anything that is not exactly ours. Writes and deletion run one after another
 * in the order asked, so a write asked for before a sign-out never lands after its deletion.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Logger } from '../asana/logger';
import { decodeFormer, encodeFormer, type FormerSnapshot } from './formerCodec';
import {
  decodeMembers,
  decodeWorkspaces,
  encodeMembers,
  encodeWorkspaces,
  SnapshotRefused,
  type MembersSnapshot,
  type SnapshotOwner,
  type WorkspacesSnapshot,
} from './snapshotCodec';

/** About 150 bytes a member: room for the biggest organizations, and a ceiling for a broken file. */
export const MAX_SNAPSHOT_BYTES = 96 * 1024 * 1024;

export interface SnapshotStorage {
  readWorkspaces(): Promise<WorkspacesSnapshot | undefined>;
  writeWorkspaces(snapshot: WorkspacesSnapshot): Promise<void>;
  readMembers(workspace: { gid: string; name: string }): Promise<MembersSnapshot | undefined>;
  writeMembers(workspace: { gid: string; name: string }, snapshot: Omit<MembersSnapshot, 'workspaceGid'>): Promise<void>;
  /** The roster when its changes were last marked as seen. */
  readLastLook(workspace: { gid: string; name: string }): Promise<MembersSnapshot | undefined>;
  writeLastLook(workspace: { gid: string; name: string }, snapshot: Omit<MembersSnapshot, 'workspaceGid'>): Promise<void>;
  readFormer(workspace: { gid: string }): Promise<FormerSnapshot | undefined>;
  writeFormer(workspace: { gid: string }, snapshot: FormerSnapshot): Promise<void>;
  /** Deletes every snapshot of the account (sign-out). */
  clear(): Promise<void>;
}

export function snapshotFolder(root: string, owner: SnapshotOwner): string {
  const id = createHash('sha256').update(`${owner.apiBaseUrl}\n${owner.accountGid}`).digest('hex').slice(0, 24);
  return path.join(root, 'snapshots', id);
}

export class SnapshotFiles implements SnapshotStorage {
  readonly folder: string;
  private chain: Promise<void> = Promise.resolve();
  /** Moves on at each clear(): writes asked for before it are dropped. */
  private generation = 0;

  constructor(
    root: string,
    private readonly owner: SnapshotOwner,
    private readonly logger: Logger,
  ) {
    this.folder = snapshotFolder(root, owner);
  }

  async readWorkspaces(): Promise<WorkspacesSnapshot | undefined> {
    return this.read('workspaces.json', (text) => decodeWorkspaces(text, this.owner));
  }

  async writeWorkspaces(snapshot: WorkspacesSnapshot): Promise<void> {
    await this.write('workspaces.json', encodeWorkspaces(this.owner, snapshot));
  }

  async readMembers(workspace: { gid: string; name: string }): Promise<MembersSnapshot | undefined> {
    return this.read(workspaceFile('members', workspace.gid), (text) => decodeMembers(text, this.owner, workspace));
  }

  async writeMembers(workspace: { gid: string; name: string }, snapshot: Omit<MembersSnapshot, 'workspaceGid'>): Promise<void> {
    await this.write(workspaceFile('members', workspace.gid), encodeMembers(this.owner, workspace, snapshot));
  }

  async readLastLook(workspace: { gid: string; name: string }): Promise<MembersSnapshot | undefined> {
    return this.read(workspaceFile('last-look', workspace.gid), (text) => decodeMembers(text, this.owner, workspace, 'last-look'));
  }

  async writeLastLook(workspace: { gid: string; name: string }, snapshot: Omit<MembersSnapshot, 'workspaceGid'>): Promise<void> {
    await this.write(workspaceFile('last-look', workspace.gid), encodeMembers(this.owner, workspace, snapshot, 'last-look'));
  }

  async readFormer(workspace: { gid: string }): Promise<FormerSnapshot | undefined> {
    return this.read(workspaceFile('former', workspace.gid), (text) => decodeFormer(text, this.owner, workspace));
  }

  async writeFormer(workspace: { gid: string }, snapshot: FormerSnapshot): Promise<void> {
    await this.write(workspaceFile('former', workspace.gid), encodeFormer(this.owner, workspace, snapshot));
  }

  /** Deletes the account's snapshots, after the write under way; writes asked for earlier are dropped. */
  clear(): Promise<void> {
    this.generation++;
    return this.enqueue(() => fs.rm(this.folder, { recursive: true, force: true }));
  }

  private async read<T>(name: string, decode: (text: string) => T): Promise<T | undefined> {
    const file = path.join(this.folder, name);
    try {
      const stat = await fs.stat(file);
      if (stat.size > MAX_SNAPSHOT_BYTES) throw new SnapshotRefused(`${stat.size} bytes, more than ${MAX_SNAPSHOT_BYTES}`);
      return decode(await fs.readFile(file, 'utf8'));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      const reason = e instanceof Error ? e.message : String(e);
      this.logger.warn(`Ignoring the snapshot ${name}: ${reason}.`);
      return undefined;
    }
  }

  private write(name: string, text: string): Promise<void> {
    const generation = this.generation;
    return this.enqueue(async () => {
      if (generation === this.generation) await this.writeFile(name, text);
    });
  }

  private enqueue(operation: () => Promise<void>): Promise<void> {
    const run = this.chain.then(operation, operation);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async writeFile(name: string, text: string): Promise<void> {
    if (Buffer.byteLength(text) > MAX_SNAPSHOT_BYTES) {
      this.logger.warn(`Not keeping the snapshot ${name}: larger than ${MAX_SNAPSHOT_BYTES} bytes.`);
      return;
    }
    await fs.mkdir(this.folder, { recursive: true });
    const file = path.join(this.folder, name);
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await fs.writeFile(temporary, text, { encoding: 'utf8', mode: 0o600 });
      await fs.rename(temporary, file);
    } catch (e) {
      await fs.rm(temporary, { force: true });
      throw e;
    }
  }
}

function workspaceFile(kind: 'members' | 'last-look' | 'former', workspaceGid: string): string {
  if (!/^\d{1,32}$/.test(workspaceGid)) throw new SnapshotRefused(`not a workspace id: ${workspaceGid}`);
  return `${kind}-${workspaceGid}.json`;
}
