/**
 * Rows kept in order by a key, for lists of a hundred thousand: new rows wait in a batch that is
 * merged in (one pass, not a sort of everything) when the rows are next read, so a listing that
 * arrives page by page costs one merge per redraw rather than one per page; a row is found by binary
 * search, and the order never changes unless a row does.
 */
export interface SortedRow {
  /** Folded name, then the gid: unique, so the order is total and stable. */
  readonly key: string;
  readonly gid: string;
}

export class SortedRows {
  private rows: SortedRow[] = [];

  /** Inserted, not merged yet: unsorted. */
  private pending: SortedRow[] = [];

  get length(): number {
    return this.rows.length + this.pending.length;
  }

  at(index: number): SortedRow | undefined {
    return this.sorted()[index];
  }

  slice(start: number, end: number): readonly SortedRow[] {
    return this.sorted().slice(start, end);
  }

  /** Position of the row with this key, or -1. */
  indexOf(key: string): number {
    const rows = this.sorted();
    const i = this.lowerBound(key);
    return rows[i]?.key === key ? i : -1;
  }

  /** Adds rows whose keys are not present yet; they take their places at the next read. */
  insertMany(batch: readonly SortedRow[]): void {
    for (const row of batch) this.pending.push(row);
  }

  remove(key: string): boolean {
    const i = this.indexOf(key);
    if (i < 0) return false;
    // indexOf merged the batch: rows holds every row.
    this.rows.splice(i, 1);
    return true;
  }

  /** Removes many at once, in one pass. */
  removeMany(keys: ReadonlySet<string>): void {
    if (keys.size === 0) return;
    if (keys.size < 8) {
      for (const key of keys) this.remove(key);
      return;
    }
    this.rows = this.sorted().filter((row) => !keys.has(row.key));
  }

  clear(): void {
    this.rows = [];
    this.pending = [];
  }

  private sorted(): SortedRow[] {
    if (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      this.merge(batch);
    }
    return this.rows;
  }

  private merge(batch: SortedRow[]): void {
    batch.sort(compareRows);
    if (batch.length < 8) {
      for (const row of batch) this.rows.splice(this.lowerBound(row.key), 0, row);
      return;
    }
    const merged: SortedRow[] = new Array<SortedRow>(this.rows.length + batch.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < this.rows.length && j < batch.length) merged[k++] = this.rows[i]!.key <= batch[j]!.key ? this.rows[i++]! : batch[j++]!;
    while (i < this.rows.length) merged[k++] = this.rows[i++]!;
    while (j < batch.length) merged[k++] = batch[j++]!;
    this.rows = merged;
  }

  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.rows[mid]!.key < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function compareRows(a: SortedRow, b: SortedRow): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
