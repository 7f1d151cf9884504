/**
 * Runs one write per person (add or remove) and reports each person's outcome: a bulk action
 * never stops at the first failure, never repeats a write, and keeps the input's order. The
 * client's write cap (15 in flight) is what paces it.
 */
import { CancelledError, isAsanaError, type AsanaError } from '../asana/errors';
import { l10n } from '../util/l10n';

export type BulkOutcome<T> =
  | { readonly input: string; readonly ok: true; readonly value: T }
  | { readonly input: string; readonly ok: false; readonly error: AsanaError };

export interface BulkOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

export async function runBulk<T>(
  inputs: readonly string[],
  operation: (input: string, signal: AbortSignal | undefined) => Promise<T>,
  opts: BulkOptions = {},
): Promise<BulkOutcome<T>[]> {
  let done = 0;
  return Promise.all(
    inputs.map(async (input): Promise<BulkOutcome<T>> => {
      try {
        if (opts.signal?.aborted) throw new CancelledError();
        return { input, ok: true, value: await operation(input, opts.signal) };
      } catch (e) {
        if (!isAsanaError(e)) throw e;
        return { input, ok: false, error: e };
      } finally {
        opts.onProgress?.(++done, inputs.length);
      }
    }),
  );
}

export function summarize<T>(outcomes: readonly BulkOutcome<T>[], verb: 'Added' | 'Removed'): string {
  const ok = outcomes.filter((o) => o.ok).length;
  const failed = outcomes.length - ok;
  // Whole sentences per verb and number, so that a translation needs no English grammar.
  if (verb === 'Added') {
    if (failed === 0) return ok === 1 ? l10n.t('Added 1 person.') : l10n.t('Added {0} people.', ok);
    if (ok === 0) return l10n.t('Could not add anyone ({0} failed).', failed);
    return l10n.t('Added {0} of {1}; {2} failed.', ok, outcomes.length, failed);
  }
  if (failed === 0) return ok === 1 ? l10n.t('Removed 1 person.') : l10n.t('Removed {0} people.', ok);
  if (ok === 0) return l10n.t('Could not remove anyone ({0} failed).', failed);
  return l10n.t('Removed {0} of {1}; {2} failed.', ok, outcomes.length, failed);
}
