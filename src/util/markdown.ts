/**
 * Server text placed into Markdown (tooltips, exports): rendered as the very characters it holds,
 * never as markup. A name such as "[Verify your account](https://…)", "![x](https://tracker…)",
 * "<img src=…>", "&#x202E;" or a bare "https://…" must not become a link, an image, HTML, an
 * entity or an autolink, and a line break must not start a line of its own.
 */
import { displayText } from './displayText';

/**
 * Every ASCII punctuation character may be backslash-escaped in CommonMark and then renders as
 * itself; escaping all of them (rather than a list of the ones known to matter today) also covers
 * autolinks (`:` in "https://", `.` in "www.", `@` in an address), entities (`&`), VS Code's theme
 * icons (`$(…)`) and whatever a later renderer extension adds.
 */
const ASCII_PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

/**
 * One line of inline Markdown that shows `text` literally: control and direction characters
 * neutralised (see displayText), every ASCII punctuation character escaped, and no spaces around
 * it: four at the start of a paragraph make a code block (a name of controls, which displayText turns
 * into spaces, did), and a space inside `**…**` keeps the emphasis from closing.
 */
export function escapeMarkdown(text: string): string {
  return displayText(text).replace(/^ +| +$/g, '').replace(ASCII_PUNCTUATION, '\\$&');
}

/**
 * The characters that start markup anywhere inside a line (emphasis, code, links, images, HTML,
 * entities, table cells, strikethrough, math): escaping only these keeps a document's own source
 * readable ("ada@acme.test", "2025-01-02") while it still renders as plain text. Characters that
 * matter only at the start of a line (`#`, `-`, `+`, `1.`) are left: this text never starts one.
 */
const INLINE_MARKUP = /[\\`*_[\]<>|!~&$]/g;

/** What GitHub-flavoured Markdown turns into links by itself: "scheme://…" and "www.…". */
const AUTOLINK_SCHEME = /:\/\//g;
const AUTOLINK_WWW = /\b(www)\./gi;

/**
 * Like escapeMarkdown, but for Markdown that people also read as source (an exported table):
 * neutralised control and direction characters, the characters that start markup within a line
 * escaped, and web addresses kept from becoming links ("https\://…", "www\.…"). An email address
 * may still be shown as a mailto link, whose text is the address itself.
 */
export function escapeMarkdownInline(text: string): string {
  return displayText(text).replace(INLINE_MARKUP, '\\$&').replace(AUTOLINK_SCHEME, '\\://').replace(AUTOLINK_WWW, '$1\\.');
}

/**
 * A code span showing `text` literally. Backslashes do not escape inside code spans, so the fence
 * is made one backtick longer than the longest run of backticks in the text, as CommonMark allows.
 */
export function markdownCode(text: string): string {
  const shown = displayText(text);
  const longestRun = Math.max(0, ...(shown.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // A space inside the fence keeps a leading or trailing backtick from joining the fence.
  const pad = shown.startsWith('`') || shown.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${shown}${pad}${fence}`;
}
