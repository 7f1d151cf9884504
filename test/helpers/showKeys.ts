import { format, type L10nArg, type Translator } from '../../src/util/l10n';

/**
 * A translator that writes the key VS Code looks each message up by, `[message/comment]` for the
 * comment form, with the message's placeholders filled: a message that loses its comment (and so
 * would stay English in every translation) shows. Hand it to `useTranslator`, then `english` back.
 */
export const showKeys = ((m: string | { message: string; args?: L10nArg[]; comment?: string | string[] }, ...a: L10nArg[]) =>
  typeof m === 'string' ? `[${format(m, ...a)}]` : `[${format(m.message, ...(m.args ?? []))}/${[m.comment ?? ''].flat().join('')}]`) as Translator;
