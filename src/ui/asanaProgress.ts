/**
 * Runs Asana work under a cancellable progress notification that also says when Asana asked
 * us to wait (429 with Retry-After), so a slow command never looks frozen.
 */
import type { AsanaClient } from '../asana/client';
import { formatWait } from '../asana/responses';
import type { Ui } from './ui';
import { l10n } from '../util/l10n';

export interface AsanaProgress {
  report(message: string, increment?: number): void;
  readonly signal: AbortSignal;
}

export function withAsanaProgress<T>(ui: Ui, client: AsanaClient, title: string, work: (progress: AsanaProgress) => Promise<T>): Promise<T> {
  return ui.withNotificationProgress(title, async (progress, signal) => {
    const stopListening = client.onRateLimitWait((w) => {
      progress.report({ message: l10n.t('Asana asked us to wait {0}…', formatWait(w.waitMs)) });
    });
    try {
      return await work({
        report: (message, increment) => progress.report(increment === undefined ? { message } : { message, increment }),
        signal,
      });
    } finally {
      stopListening();
    }
  });
}
