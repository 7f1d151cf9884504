/**
 * Escapes user text (names, emails) for Markdown tooltips: enough to stop emphasis, links, HTML
 * and theme icons (`$(…)`), while leaving ordinary punctuation such as dots readable.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#$~]/g, '\\$&');
}
