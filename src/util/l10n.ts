/**
 * The one way user-facing text is translated. Modules tested in plain Node (flows, members,
 * store, the client's error messages) must not load `vscode`, so they call this `l10n.t`, which
 * formats `{0}`-style placeholders itself; once the extension activates, extension.ts hands it
 * `vscode.l10n.t`, which looks the message up in the display language's bundle first.
 * `npx @vscode/l10n-dev export` finds these calls by their `l10n.t(` shape, so keep that name.
 */
export type L10nArg = string | number | boolean;

/** The comment form, for messages whose meaning is unclear without context. */
export interface L10nMessage {
  readonly message: string;
  readonly args?: readonly L10nArg[];
  /** For translators: what the message is about, where it appears. */
  readonly comment: string | readonly string[];
}

/** The shape of `vscode.l10n.t`: a message with a comment has its own key in the bundle. */
export interface Translator {
  (message: string, ...args: L10nArg[]): string;
  (options: { message: string; args?: L10nArg[]; comment: string | string[] }): string;
}

/** The built-in translator: English, placeholders filled; tests that swap in another put this one back. */
export const english: Translator = (message: string | { message: string; args?: L10nArg[] }, ...args: L10nArg[]) =>
  typeof message === 'string' ? format(message, ...args) : format(message.message, ...(message.args ?? []));

let translator: Translator = english;

/** `{0}`, `{1}`… replaced by the arguments, as vscode.l10n.t does; an unknown index stays as written. */
export function format(message: string, ...args: L10nArg[]): string {
  return message.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const arg = args[Number(index)];
    return arg === undefined ? whole : String(arg);
  });
}

export const l10n = {
  t(message: string | L10nMessage, ...args: L10nArg[]): string {
    return typeof message === 'string'
      ? translator(message, ...args)
      : translator({ message: message.message, args: [...(message.args ?? [])], comment: typeof message.comment === 'string' ? message.comment : [...message.comment] });
  },
};

/** Called once at activation with `vscode.l10n.t`; tests in plain Node keep the English formatter. */
export function useTranslator(t: Translator): void {
  translator = t;
}
