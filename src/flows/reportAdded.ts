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

const SHOW_WHO = 'Show Who';

export function whoIs(p: AddedPerson): string {
  return p.email ? `${p.name} (${p.email})` : p.name;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

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
    const choice = await ui.showErrorMessage(`${summarize(outcomes, 'Added')} (${target.name})${reason}`, 'Show Details');
    if (choice === 'Show Details') ui.showLog();
    return;
  }
  const message = summary(added, already, target, verb);
  if (people.length === 1) {
    void ui.showInformationMessage(message);
    return;
  }
  const choice = await ui.showInformationMessage(message, SHOW_WHO);
  if (choice !== SHOW_WHO) return;
  const picked = await ui.showQuickPick(
    people.map((p) => ({ label: p.name, description: p.email ?? '', detail: p.already ? 'already a member' : verb.toLowerCase(), person: p })),
    { title: message, placeHolder: 'Pick someone to show them in the Asana view' },
  );
  if (picked) await ctx.reveal?.(target.gid, picked.person.gid).catch((e: unknown) => logger.debug(`Could not show ${picked.person.name} in the view: ${String(e)}`));
}

function summary(added: readonly AddedPerson[], already: readonly AddedPerson[], target: Workspace, verb: string): string {
  const where = target.name;
  if (added.length === 1 && already.length === 0) return `${verb} ${whoIs(added[0]!)} to ${where}.`;
  if (added.length === 0 && already.length === 1) return `${whoIs(already[0]!)} is already a member of ${where}.`;
  if (added.length === 0) return `All ${already.length} are already members of ${where}; nothing changed.`;
  const tail = already.length ? ` ${plural(already.length, 'was already a member', 'were already members')}.` : '';
  return `${verb} ${plural(added.length, 'person', 'people')} to ${where}.${tail}`;
}
