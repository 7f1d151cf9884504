/** How "Insert User" writes a person into a document. */
import { isGid } from '../asana/validate';
import { profileUrl } from '../asanaLinks';
import { displayText } from '../util/displayText';
import { escapeMarkdownInline } from '../util/markdown';

export type InsertFormat = 'name' | 'email' | 'markdownLink' | 'template';

export interface InsertableUser {
  readonly gid: string;
  readonly name: string;
  readonly email: string | undefined;
}

/**
 * The person as text for the editor. Names and emails come from Asana profiles, so they are
 * inserted without line breaks, control or direction characters (displayText).
 */
export function formatUser(user: InsertableUser, format: InsertFormat, template: string): string {
  const name = displayText(user.name);
  switch (format) {
    case 'name':
      return name;
    case 'email':
      return displayText(user.email ?? user.name);
    case 'markdownLink':
      // The schema admits digit gids only; anything else would be spliced into the URL, so no link.
      if (!isGid(user.gid)) return escapeMarkdownInline(user.name);
      return `[${escapeMarkdownInline(user.name)}](${profileUrl(user.gid)})`;
    case 'template':
      return applyTemplate(template, user);
  }
}

/** `{name}`, `{email}`, `{gid}` and `{url}`; unknown placeholders are left as typed. */
export function applyTemplate(template: string, user: InsertableUser): string {
  const values: Record<string, string> = {
    name: displayText(user.name),
    email: displayText(user.email ?? ''),
    gid: displayText(user.gid),
    url: profileUrl(encodeURIComponent(user.gid)),
  };
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
