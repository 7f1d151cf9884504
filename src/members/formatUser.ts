/** How "Insert User" writes a person into a document. */
import { profileUrl } from '../asanaLinks';

export type InsertFormat = 'name' | 'email' | 'markdownLink' | 'template';

export interface InsertableUser {
  readonly gid: string;
  readonly name: string;
  readonly email: string | undefined;
}

export function formatUser(user: InsertableUser, format: InsertFormat, template: string): string {
  switch (format) {
    case 'name':
      return user.name;
    case 'email':
      return user.email ?? user.name;
    case 'markdownLink':
      return `[${user.name.replace(/([[\]\\])/g, '\\$1')}](${profileUrl(user.gid)})`;
    case 'template':
      return applyTemplate(template, user);
  }
}

/** `{name}`, `{email}`, `{gid}` and `{url}`; unknown placeholders are left as typed. */
export function applyTemplate(template: string, user: InsertableUser): string {
  const values: Record<string, string> = {
    name: user.name,
    email: user.email ?? '',
    gid: user.gid,
    url: profileUrl(user.gid),
  };
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
