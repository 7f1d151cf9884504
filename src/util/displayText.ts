/**
 * Text from Asana (names, emails, workspace names) made safe to show or log. Such text is written
 * by whoever can edit a profile, so it may carry characters that change how the text *around* it
 * reads: a line break fakes a second line (of a label, a dialog or a log entry), and a direction
 * override (U+202E) makes "abc\u202Efdp.exe" read "abcexe.pdf".
 */

/**
 * Line breaks of every kind: CR, LF, VT, FF, NEL and the Unicode line and paragraph separators.
 * CRLF is one break, not two.
 */
const LINE_BREAK = /\r\n|[\n\v\f\r\u0085\u2028\u2029]/g;

/** C0 and C1 controls and DEL (line breaks are handled first, so these are the rest, tab included). */
const CONTROL = /\p{Cc}/gu;

/** A line break with the indent logText may already have put after it: cleaning twice changes nothing. */
const LOG_LINE_BREAK = /(?:\r\n|[\n\v\f\r\u0085\u2028\u2029])(?: {4})?/g;

/** The same, except the line feeds `logText` puts in and the tabs that are harmless in a log. */
const LOG_CONTROL = /[^\P{Cc}\n\t]/gu;

/**
 * Bidirectional formatting characters: embeddings and overrides (U+202A–U+202E), isolates
 * (U+2066–U+2069), and the left-to-right, right-to-left and Arabic letter marks. Text in
 * right-to-left scripts renders correctly without them; they matter only to reorder what follows.
 */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/** Lone halves of surrogate pairs: broken UTF-16 that renders as garbage or not at all. */
const LONE_SURROGATE = /\p{Cs}/gu;

/**
 * One line of text as it may be shown in a label, a description, a quick-pick item or a dialog:
 * line breaks, tabs and other control characters become spaces, direction controls are removed
 * (so the characters show in the order they are stored), and broken UTF-16 becomes U+FFFD.
 * Nothing else changes: accents, emoji and right-to-left scripts pass as they are.
 */
export function displayText(text: string): string {
  return text
    .replace(LINE_BREAK, ' ')
    .replace(CONTROL, ' ')
    .replace(BIDI_CONTROL, '')
    .replace(LONE_SURROGATE, '\ufffd');
}

/** True when `displayText` would change the text: for tests and for deciding to warn. */
export function hasHiddenCharacters(text: string): boolean {
  return displayText(text) !== text;
}

/** `\u202e`-style escape of one UTF-16 code unit, as a person can read it in a log. */
function escapeUnit(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * A log message that cannot forge log entries: every line break becomes a line break followed by
 * an indent, so a continuation can never pass for an entry of its own (which starts at the margin
 * with a time stamp); control and direction characters show as `\u…` escapes, so a log keeps the
 * evidence instead of acting on it. A multi-line message of our own (a stack trace) stays readable,
 * and a message cleaned twice is cleaned once.
 */
export function logText(text: string): string {
  return text
    .replace(LOG_LINE_BREAK, '\n    ')
    .replace(LOG_CONTROL, escapeUnit)
    .replace(BIDI_CONTROL, escapeUnit)
    .replace(LONE_SURROGATE, escapeUnit);
}
