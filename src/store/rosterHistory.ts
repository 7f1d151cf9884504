/**
 * What a workspace's roster was before: the last look (the roster when its changes were last marked
 * as seen, or the first complete one) and the former members (people seen active who no longer
 * are). Only complete rosters are compared, so a partial or failed listing never makes anyone "left".
 * Both are kept beside the snapshots; with snapshots turned off they last for the session.
 */
import type { Logger } from '../asana/logger';
import type { FormerMember } from './formerCodec';
import { compareRosters, rosterOf, type Roster, type RosterChanges, type RosterPerson } from './rosterChanges';
import type { SnapshotStorage } from './snapshotFiles';

export interface RosterLook {
  readonly roster: Roster;
  /** When the roster was complete. */
  readonly asOf: number;
}

export class RosterHistory {
  private _changes: RosterChanges | undefined;
  private _firstLook = false;
  private readonly formerByUser = new Map<string, FormerMember>();
  /** The last look when there is no storage to keep it in. */
  private lastLookInMemory: (RosterLook & { firstLook: boolean }) | undefined;
  private loadedFormer: Promise<void> | undefined;
  /** Looks are taken one after another, in the order the rosters came. */
  private chain: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(
    private readonly workspace: () => { gid: string; name: string },
    private readonly storage: SnapshotStorage | undefined,
    private readonly logger: Logger,
    private readonly changed: () => void,
  ) {}

  /** Changes between the last look and the roster shown; undefined until a complete roster was shown. */
  get changes(): RosterChanges | undefined {
    return this._changes;
  }

  /** The roster shown is the first one ever seen: there is nothing to compare it with yet. */
  get isFirstLook(): boolean {
    return this._firstLook;
  }

  /** Most recently seen first. */
  get former(): FormerMember[] {
    return [...this.formerByUser.values()].sort((a, b) => b.lastSeenAt - a.lastSeenAt || a.name.localeCompare(b.name));
  }

  formerMember(userGid: string): FormerMember | undefined {
    return this.formerByUser.get(userGid);
  }

  /**
   * A complete roster is shown. `previous` is the complete roster it replaces: whoever was active
   * there and is not now becomes a former member, last seen then.
   */
  observe(current: RosterLook, previous: RosterLook | undefined): Promise<void> {
    return this.enqueue(async () => {
      await this.loadFormer();
      let formerChanged = false;
      if (previous) {
        for (const person of previous.roster.values()) {
          if (!current.roster.has(person.userGid)) {
            this.formerByUser.set(person.userGid, former(person, previous.asOf));
            formerChanged = true;
          }
        }
      }
      for (const userGid of current.roster.keys()) formerChanged = this.formerByUser.delete(userGid) || formerChanged;
      if (formerChanged) await this.saveFormer();
      const look = await this.readLastLook();
      if (this.disposed) return;
      if (!look) {
        await this.writeLastLook(current, true);
        this._changes = compareRosters(current.roster, current.roster, current.asOf, current.asOf);
        this._firstLook = true;
      } else {
        this._changes = compareRosters(look.roster, current.roster, look.asOf, current.asOf);
        this._firstLook = look.firstLook && look.asOf === current.asOf;
      }
      this.changed();
    });
  }

  /** The person has seen the changes: the roster shown becomes the last look. */
  markSeen(current: RosterLook): Promise<void> {
    return this.enqueue(async () => {
      await this.writeLastLook(current, false);
      this._changes = compareRosters(current.roster, current.roster, current.asOf, current.asOf);
      this._firstLook = false;
      this.changed();
    });
  }

  /** Someone was removed here: a former member from now on, without waiting for the next listing. */
  sawLeave(person: RosterPerson, at: number): void {
    void this.enqueue(async () => {
      await this.loadFormer();
      this.formerByUser.set(person.userGid, former(person, at));
      await this.saveFormer();
      this.changed();
    });
  }

  /** Someone (back) in the workspace is no former member. */
  sawJoin(userGid: string): void {
    void this.enqueue(async () => {
      await this.loadFormer();
      if (this.formerByUser.delete(userGid)) {
        await this.saveFormer();
        this.changed();
      }
    });
  }

  /** Reads the former members kept from earlier sessions (once). */
  whenLoaded(): Promise<void> {
    return this.enqueue(() => this.loadFormer());
  }

  dispose(): void {
    this.disposed = true;
  }

  private enqueue(operation: () => Promise<void>): Promise<void> {
    const run = this.chain.then(operation);
    this.chain = run.catch((e: unknown) => this.logger.warn(`Roster history of ${this.workspace().name}: ${e instanceof Error ? e.message : String(e)}`));
    return this.chain;
  }

  private loadFormer(): Promise<void> {
    return (this.loadedFormer ??= (async () => {
      const kept = await this.storage?.readFormer(this.workspace()).catch(() => undefined);
      // Every change to the former members waits for this load, so nothing is learned before it.
      for (const f of kept?.former ?? []) this.formerByUser.set(f.userGid, f);
    })());
  }

  private async saveFormer(): Promise<void> {
    if (this.disposed) return;
    await this.storage?.writeFormer(this.workspace(), { savedAt: Date.now(), former: [...this.formerByUser.values()] });
  }

  private async readLastLook(): Promise<(RosterLook & { firstLook: boolean }) | undefined> {
    if (!this.storage) return this.lastLookInMemory;
    const snapshot = await this.storage.readLastLook(this.workspace()).catch(() => undefined);
    if (!snapshot) return undefined;
    return { roster: rosterOf(snapshot.memberships, (gid) => snapshot.emails.get(gid)), asOf: snapshot.savedAt, firstLook: snapshot.firstLook === true };
  }

  private async writeLastLook(look: RosterLook, firstLook: boolean): Promise<void> {
    if (this.disposed) return;
    if (!this.storage) {
      this.lastLookInMemory = { ...look, firstLook };
      return;
    }
    const memberships = [...look.roster.values()].map((p) => membershipOf(p, this.workspace()));
    const emails = new Map<string, string>();
    for (const p of look.roster.values()) if (p.email) emails.set(p.userGid, p.email);
    await this.storage.writeLastLook(this.workspace(), { savedAt: look.asOf, memberships, emails, firstLook });
  }
}

function former(person: RosterPerson, lastSeenAt: number): FormerMember {
  return { userGid: person.userGid, membershipGid: person.membershipGid, name: person.name, email: person.email, group: person.group, lastSeenAt };
}

/** Enough of a membership for the snapshot codec to keep the person and their role. */
function membershipOf(p: RosterPerson, workspace: { gid: string; name: string }) {
  return {
    gid: p.membershipGid,
    user: { gid: p.userGid, name: p.name },
    workspace: { gid: workspace.gid, name: workspace.name },
    is_active: true,
    is_admin: p.group === 'admins',
    is_guest: p.group === 'guests',
    is_view_only: p.group === 'viewOnly',
    created_at: null,
    vacation_dates: null,
    user_task_list: null,
  };
}
