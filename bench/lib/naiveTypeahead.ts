/**
 * The typeahead peer: what a search box does without care. Every keystroke sends a query and every
 * answer is shown as it arrives, so with network jitter an answer to "Ad" can land after the one
 * to "Ada" and replace it: a stale result. Same listener shape as TypeaheadController.
 */
import type { TypeaheadUser } from '../../src/asana/schemas';
import type { SearchFn, TypeaheadListener } from '../../src/search/typeaheadController';

export class NaiveTypeahead {
  requestsSent = 0;
  inFlight = 0;
  private readonly listeners = new Set<TypeaheadListener>();

  constructor(private readonly search: SearchFn) {}

  listen(listener: TypeaheadListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setQuery(raw: string): void {
    const query = raw.trim();
    if (query === '') return this.show(query, []);
    this.requestsSent++;
    this.inFlight++;
    this.search(query, new AbortController().signal).then(
      (users) => this.show(query, users),
      () => undefined,
    ).finally(() => this.inFlight--);
  }

  private show(query: string, users: readonly TypeaheadUser[]): void {
    for (const l of this.listeners) l.results?.({ query, users, fromCache: false });
  }
}
