/**
 * Response schemas for the records the client asks for. Each schema requires exactly the fields
 * the client requests through `opt_fields` (see fields.ts), so a response that lacks one fails
 * loudly with the field's name; unknown extra fields pass, because the API keeps growing.
 */
import * as z from 'zod/mini';

const gid = z.string().check(z.minLength(1));

export const WorkspaceCompactSchema = z.looseObject({ gid, name: z.string() });

export const WorkspaceSchema = z.looseObject({
  gid,
  name: z.string(),
  is_organization: z.boolean(),
  // Declared `format: uri` in the spec but really bare domains ("asana.com"): no format check.
  email_domains: z.array(z.string()),
});

export const UserCompactSchema = z.looseObject({ gid, name: z.string() });

/** Emails can be hidden from the caller (the field then comes back null). */
const email = z.optional(z.nullable(z.string()));

export const UserWithEmailSchema = z.looseObject({ gid, name: z.string(), email });

export const UserSchema = z.looseObject({
  gid,
  name: z.string(),
  email,
  workspaces: z.optional(z.array(WorkspaceCompactSchema)),
});

export const TypeaheadUserSchema = z.looseObject({ gid, name: z.string() });

export const VacationDatesSchema = z.looseObject({
  start_on: z.nullable(z.string()),
  end_on: z.nullable(z.string()),
});

export const MembershipSchema = z.looseObject({
  gid,
  user: UserCompactSchema,
  workspace: WorkspaceCompactSchema,
  is_active: z.boolean(),
  is_admin: z.boolean(),
  is_guest: z.boolean(),
  is_view_only: z.boolean(),
  created_at: z.nullable(z.string()),
  vacation_dates: z.nullable(VacationDatesSchema),
  user_task_list: z.nullable(z.looseObject({ gid, name: z.optional(z.string()) })),
});

export const EmptySchema = z.looseObject({});

export const NextPageSchema = z.nullable(
  z.looseObject({ offset: z.string().check(z.minLength(1)), path: z.optional(z.string()), uri: z.optional(z.string()) }),
);

export const ErrorEnvelopeSchema = z.looseObject({
  errors: z.array(
    z.looseObject({
      message: z.optional(z.string()),
      help: z.optional(z.string()),
      phrase: z.optional(z.string()),
    }),
  ),
});

export type WorkspaceCompact = z.infer<typeof WorkspaceCompactSchema>;
export type Workspace = z.infer<typeof WorkspaceSchema>;
export type UserCompact = z.infer<typeof UserCompactSchema>;
export type UserWithEmail = z.infer<typeof UserWithEmailSchema>;
export type User = z.infer<typeof UserSchema>;
export type TypeaheadUser = z.infer<typeof TypeaheadUserSchema>;
export type Membership = z.infer<typeof MembershipSchema>;
export type VacationDates = z.infer<typeof VacationDatesSchema>;
