/**
 * The `opt_fields` the client sends per record kind. They must stay in step with the schemas:
 * a schema requires what is asked for here.
 */
export const WORKSPACE_FIELDS = ['name', 'is_organization', 'email_domains'] as const;

export const USER_FIELDS = ['name', 'email', 'workspaces', 'workspaces.name'] as const;

export const USER_WITH_EMAIL_FIELDS = ['name', 'email'] as const;

export const TYPEAHEAD_FIELDS = ['name'] as const;

export const MEMBERSHIP_FIELDS = [
  'user.name',
  'workspace.name',
  'is_active',
  'is_admin',
  'is_guest',
  'is_view_only',
  'created_at',
  'vacation_dates.start_on',
  'vacation_dates.end_on',
  'user_task_list.name',
] as const;

export const OOO_ENTRY_FIELDS = ['start_date', 'end_date', 'created_by.name'] as const;

export function optFields(fields: readonly string[]): string {
  return fields.join(',');
}
