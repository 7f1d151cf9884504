/**
 * Registers a command behind one error policy: every failure is logged and shown as a clear
 * message with the action that helps (Sign In after a rejected token, Show Log otherwise).
 */
import * as vscode from 'vscode';
import { isAsanaError } from '../asana/errors';
import type { ChannelLogger } from '../log/channelLogger';
import { Dismissed } from '../ui/dismissed';
import type { Ui } from '../ui/ui';
import { l10n } from '../util/l10n';

/** What a command needs to report a failure: the log, and the UI seam to show it through. */
export interface CommandContext {
  readonly logger: ChannelLogger;
  readonly ui: Ui;
}

export { Dismissed };

export function registerCommand(id: string, context: CommandContext, handler: (...args: never[]) => unknown): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await (handler as (...a: unknown[]) => unknown)(...args);
    } catch (e) {
      await reportError(e, context);
      return undefined;
    }
  });
}

export async function reportError(e: unknown, { logger, ui }: CommandContext): Promise<void> {
  if (e instanceof Dismissed || (isAsanaError(e) && e.kind === 'cancelled')) return;
  const message = logger.clean(e instanceof Error ? e.message : String(e));
  logger.error(isAsanaError(e) ? message : `${message}\n${e instanceof Error ? logger.clean(e.stack ?? '') : ''}`);
  const signIn = l10n.t('Sign In');
  const showLog = l10n.t('Show Log');
  const actions = isAsanaError(e) && e.kind === 'unauthorized' ? [signIn, showLog] : [showLog];
  const choice = await ui.showErrorMessage(message, ...actions);
  if (choice === signIn) await vscode.commands.executeCommand('asana.signIn');
  if (choice === showLog) logger.channel.show(true);
}
