/**
 * Finding people as one types: the members the store already holds answer at once, and Asana's
 * typeahead is asked only for what they cannot answer (a listing not complete yet, nobody matching
 * locally). Asana's answers are appended after the local ones, never reordering what is shown.
 */
import type { AsanaError } from '../asana/errors';
import type { TypeaheadUser } from '../asana/schemas';
import type { TypeaheadController } from './typeaheadController';

export interface Person extends TypeaheadUser {
  readonly email?: string | undefined;
}

export interface LocalAnswer {
  readonly people: readonly Person[];
  /** Every member is known, so what is not here is not in the workspace. */
  readonly complete: boolean;
}

/** Undefined when nothing is known locally (the members were never loaded). */
export type LocalSearch = (query: string) => LocalAnswer | undefined;

export interface PeopleResult {
  readonly query: string;
  readonly people: readonly Person[];
  /** Asana has been asked and its answer is still to come. */
  readonly pending: boolean;
}

export interface PeopleListener {
  results(result: PeopleResult): void;
  busy?(busy: boolean): void;
  error?(error: AsanaError, query: string): void;
}

export class PeopleSearch {
  private query = '';
  private local: LocalAnswer | undefined;
  private readonly stop: () => void;
  private listener: PeopleListener | undefined;

  constructor(
    private readonly localSearch: LocalSearch,
    private readonly remote: TypeaheadController,
  ) {
    this.stop = remote.listen({
      results: (result) => {
        if (result.query !== this.query || result.query === '') return;
        this.listener?.results({ query: this.query, people: merge(this.local?.people ?? [], result.users), pending: false });
      },
      busy: (busy) => this.listener?.busy?.(busy),
      error: (error, query) => {
        if (query === this.query) this.listener?.error?.(error, query);
      },
    });
  }

  listen(listener: PeopleListener): void {
    this.listener = listener;
  }

  /** On every keystroke: the local answer now, Asana's later if it is needed. */
  setQuery(raw: string): void {
    const query = raw.trim();
    this.query = query;
    this.local = query === '' ? undefined : this.localSearch(query);
    if (query === '' || this.answersAlone(this.local)) {
      this.remote.setQuery(''); // cancels a request for an earlier query
      this.listener?.results({ query, people: this.local?.people ?? [], pending: false });
      return;
    }
    if (this.local) this.listener?.results({ query, people: this.local.people, pending: true });
    this.remote.setQuery(query);
  }

  /** One answer for one query (completion): at once when the store suffices. */
  async request(raw: string): Promise<readonly Person[] | undefined> {
    const query = raw.trim();
    const local = this.localSearch(query);
    if (this.answersAlone(local)) return local!.people;
    const remote = await this.remote.request(query);
    if (!remote) return undefined;
    return merge(local?.people ?? [], remote.users);
  }

  dispose(): void {
    this.stop();
    this.listener = undefined;
  }

  private answersAlone(local: LocalAnswer | undefined): boolean {
    return !!local && local.complete && local.people.length > 0;
  }
}

function merge(local: readonly Person[], remote: readonly TypeaheadUser[]): Person[] {
  const seen = new Set(local.map((p) => p.gid));
  return [...local, ...remote.filter((u) => !seen.has(u.gid))];
}
