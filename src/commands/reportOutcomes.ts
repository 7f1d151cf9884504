/** One message for a bulk action, with every person's result in the log behind "Show Details". */
import { summarize, type BulkOutcome } from '../members/bulk';
import type { Services } from '../services';

export async function reportOutcomes<T>(services: Services, outcomes: readonly BulkOutcome<T>[], verb: 'Added' | 'Removed', where: string): Promise<void> {
  const summary = `${summarize(outcomes, verb)} (${where})`;
  for (const o of outcomes) {
    if (o.ok) services.logger.info(`${verb} ${o.input} (${where}).`);
    else services.logger.warn(`${o.input}: ${o.error.message}`);
  }
  const failed = outcomes.filter((o) => !o.ok);
  if (failed.length === 0) {
    void services.ui.showInformationMessage(summary);
    return;
  }
  const first = failed[0]!;
  const reason = first.ok ? '' : ` ${first.input}: ${services.logger.clean(first.error.message)}`;
  const choice = await services.ui.showErrorMessage(`${summary}${reason}`, 'Show Details');
  if (choice === 'Show Details') services.logger.channel.show(true);
}
