/**
 * Rows kept in order by a key, for lists of a hundred thousand: a page is merged in (one pass, not a
 * sort of everything), a row is found by binary search, and the order never changes unless a row does.
 */
export interface SortedRow {
  /** Folded name, then the gid: unique, so the order is total and stable. */
  readonly key: string;
  readonly gid: string;
}

export class SortedRows {
  private rows: SortedRow[] = [];

  get length(): number {
    return this.rows.length;
  }

  at(index: number): SortedRow | undefined {
    return this.rows[index];
  }

  slice(start: number, end: number): readonly SortedRow[] {
    return this.rows.slice(start, end);
  }

  /** Position of the row with this key, or -1. */
  indexOf(key: string): number {
    const i = this.lowerBound(key);
    return this.rows[i]?.key === key ? i : -1;
  }

  /** Merges rows whose keys are not present yet. */
  insertMany(batch: SortedRow[]): void {
    if (batch.length === 0) return;
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

  remove(key: string): boolean {
    const i = this.indexOf(key);
    if (i < 0) return false;
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
    this.rows = this.rows.filter((row) => !keys.has(row.key));
  }

  clear(): void {
    this.rows = [];
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
