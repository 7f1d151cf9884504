/**
 * Runs Asana work under a cancellable progress notification that also says when Asana asked
 * us to wait (429 with Retry-After), so a slow command never looks frozen.
 */
import * as vscode from 'vscode';
import type { AsanaClient } from '../asana/client';
import { formatWait } from '../asana/responses';

export interface AsanaProgress {
  report(message: string, increment?: number): void;
  readonly signal: AbortSignal;
}

export function withAsanaProgress<T>(
  client: AsanaClient,
  title: string,
  work: (progress: AsanaProgress) => Promise<T>,
): Promise<T> {
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const controller = new AbortController();
      const cancel = token.onCancellationRequested(() => controller.abort());
      const stopListening = client.onRateLimitWait((w) => {
        progress.report({ message: `Asana asked us to wait ${formatWait(w.waitMs)}…` });
      });
      try {
        return await work({
          report: (message, increment) => progress.report(increment === undefined ? { message } : { message, increment }),
          signal: controller.signal,
        });
      } finally {
        stopListening();
        cancel.dispose();
      }
    }),
  );
}
