/** One message for a bulk action, with every person's result in the log behind "Show Details". */
import { summarize, type BulkOutcome } from '../members/bulk';
import type { FlowLog } from './flowContext';
import type { Ui } from '../ui/ui';
import { l10n } from '../util/l10n';

export async function reportOutcomes<T>(
  { ui, logger }: { ui: Ui; logger: FlowLog },
  outcomes: readonly BulkOutcome<T>[],
  verb: 'Added' | 'Removed',
  where: string,
): Promise<void> {
  const summary = l10n.t({ message: '{0} ({1})', args: [summarize(outcomes, verb), where], comment: 'a summary such as "Added 2 people.", then the workspace' });
  for (const o of outcomes) {
    if (o.ok) logger.info(`${verb} ${o.input} (${where}).`);
    else logger.warn(`${o.input}: ${o.error.message}`);
  }
  const failed = outcomes.filter((o) => !o.ok);
  if (failed.length === 0) {
    void ui.showInformationMessage(summary);
    return;
  }
  const first = failed[0]!;
  const reason = first.ok ? '' : ` ${first.input}: ${logger.clean(first.error.message)}`;
  const showDetails = l10n.t('Show Details');
  const choice = await ui.showErrorMessage(`${summary}${reason}`, showDetails);
  if (choice === showDetails) ui.showLog();
}
