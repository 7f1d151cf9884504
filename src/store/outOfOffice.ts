/**
 * People's out-of-office entries as Asana now records them (`/ooo_entries`; `vacation_dates` is
 * deprecated since April 2026). Asked for one person at a time, when their details are shown, and
 * kept for a few minutes so that hovering back and forth asks once. A failure is not kept.
 */
import type { AsanaClient } from '../asana/client';
import { collect } from '../asana/pagination';
import type { OooEntry } from '../asana/schemas';

const KEEP_MS = 5 * 60_000;

export class OutOfOffice {
  private readonly known = new Map<string, { readonly at: number; readonly entries: Promise<OooEntry[]> }>();

  constructor(
    private readonly client: AsanaClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** Current and coming entries (those ending today or later: Asana's `start_date` filter), soonest first. */
  entries(workspaceGid: string, userGid: string, today: string = new Date().toISOString().slice(0, 10)): Promise<OooEntry[]> {
    const key = `${workspaceGid}:${userGid}`;
    const kept = this.known.get(key);
    if (kept && this.now() - kept.at < KEEP_MS) return kept.entries;
    const entries = collect(this.client.oooEntryPages(userGid, workspaceGid, { from: today })).then((list) =>
      list.sort((a, b) => a.start_date.localeCompare(b.start_date)),
    );
    this.known.set(key, { at: this.now(), entries });
    entries.catch(() => this.known.delete(key));
    return entries;
  }
}
