/**
 * What an add did, said with names: "Added Ada Lovelace (ada@example.com) to Acme Corp", or a count
 * with the people behind "Show Who". Someone who was a member already is told apart from an
 * addition (Asana answers both with success). The people added are revealed in the view.
 */
import type { Workspace } from '../asana/schemas';
import type { BulkOutcome } from '../members/bulk';
import { summarize } from '../members/bulk';
import type { Ui } from '../ui/ui';
import type { FlowLog } from './flowContext';
import { l10n } from '../util/l10n';

export interface AddedPerson {
  readonly gid: string;
  readonly name: string;
  readonly email: string | undefined;
  /** An active member before the add: nothing changed. */
  readonly already: boolean;
}

interface ReportContext {
  readonly ui: Ui;
  readonly logger: FlowLog;
  readonly reveal?: (workspaceGid: string, userGid: string) => Promise<unknown>;
}

export function whoIs(p: AddedPerson): string {
  return p.email ? `${p.name} (${p.email})` : p.name;
}


export async function reportAdded(ctx: ReportContext, outcomes: readonly BulkOutcome<AddedPerson>[], target: Workspace, verb: 'Added' | 'Added back'): Promise<void> {
  const { ui, logger } = ctx;
  const people = outcomes.flatMap((o) => (o.ok ? [o.value] : []));
  const added = people.filter((p) => !p.already);
  const already = people.filter((p) => p.already);
  for (const o of outcomes) {
    if (!o.ok) logger.warn(`${o.input}: ${o.error.message}`);
    else if (o.value.already) logger.info(`${o.input} was already a member of ${target.name}.`);
    else logger.info(`${verb} ${o.input} to ${target.name}.`);
  }
  // The row may be gone by the time the view gets to it (a refresh, a sign-out): showing it is a courtesy.
  if (added[0]) void ctx.reveal?.(target.gid, added[0].gid).catch((e: unknown) => logger.debug(`Could not show ${added[0]!.name} in the view: ${String(e)}`));
  const failed = outcomes.filter((o) => !o.ok);
  if (failed.length > 0) {
    const first = failed[0]!;
    const reason = first.ok ? '' : ` ${first.input}: ${logger.clean(first.error.message)}`;
    const showDetails = l10n.t('Show Details');
    const choice = await ui.showErrorMessage(`${l10n.t({ message: '{0} ({1})', args: [summarize(outcomes, 'Added'), target.name], comment: 'a summary such as "Added 2 people.", then the workspace' })}${reason}`, showDetails);
    if (choice === showDetails) ui.showLog();
    return;
  }
  const message = summary(added, already, target, verb);
  if (people.length === 1) {
    void ui.showInformationMessage(message);
    return;
  }
  const showWho = l10n.t('Show Who');
  const choice = await ui.showInformationMessage(message, showWho);
  if (choice !== showWho) return;
  const done = verb === 'Added' ? l10n.t({ message: 'added', comment: 'what happened to this person' }) : l10n.t({ message: 'added back', comment: 'what happened to this person' });
  const picked = await ui.showQuickPick(
    people.map((p) => ({ label: p.name, description: p.email ?? '', detail: p.already ? l10n.t('already a member') : done, person: p })),
    { title: message, placeHolder: l10n.t('Pick someone to show them in the Asana view') },
  );
  if (picked) await ctx.reveal?.(target.gid, picked.person.gid).catch((e: unknown) => logger.debug(`Could not show ${picked.person.name} in the view: ${String(e)}`));
}

function summary(added: readonly AddedPerson[], already: readonly AddedPerson[], target: Workspace, verb: 'Added' | 'Added back'): string {
  const where = target.name;
  const back = verb === 'Added back';
  if (added.length === 1 && already.length === 0) return back ? l10n.t('Added back {0} to {1}.', whoIs(added[0]!), where) : l10n.t('Added {0} to {1}.', whoIs(added[0]!), where);
  if (added.length === 0 && already.length === 1) return l10n.t('{0} is already a member of {1}.', whoIs(already[0]!), where);
  if (added.length === 0) return l10n.t('All {0} are already members of {1}; nothing changed.', already.length, where);
  const head =
    added.length === 1
      ? back ? l10n.t('Added back 1 person to {0}.', where) : l10n.t('Added 1 person to {0}.', where)
      : back ? l10n.t('Added back {0} people to {1}.', added.length, where) : l10n.t('Added {0} people to {1}.', added.length, where);
  if (!already.length) return head;
  return already.length === 1 ? l10n.t('{0} 1 was already a member.', head) : l10n.t('{0} {1} were already members.', head, already.length);
}
