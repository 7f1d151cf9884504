/** The text typed after the trigger, if the cursor is in a mention: "@ada l" is not one, "@ada" is. */
export function queryAt(lineBeforeCursor: string, trigger: string): string | undefined {
  const at = lineBeforeCursor.lastIndexOf(trigger);
  if (at < 0) return undefined;
  const prev = at === 0 ? ' ' : lineBeforeCursor[at - 1]!;
  // "name@domain" is an email address being typed, not a mention.
  if (/[\p{L}\p{N}._-]/u.test(prev)) return undefined;
  const query = lineBeforeCursor.slice(at + 1);
  if (query.length > 40 || !/^[\p{L}\p{N}._'-]*$/u.test(query)) return undefined;
  return query;
}
