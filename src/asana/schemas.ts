/**
 * Response schemas for the records the client asks for. Each schema requires exactly the fields
 * the client requests through `opt_fields` (see fields.ts), so a response that lacks one fails
 * loudly with the field's name. Unknown fields are dropped, not kept: the API keeps growing, and a
 * record carries only what the extension uses (a hostile server's 200 MB "extra" field included).
 *
 * Values that end up in links, Markdown or comparisons are checked for their form here, once:
 * gids are digits (as Asana's are), dates are ISO 8601.
 */
import * as z from 'zod/mini';

/** Asana's gids are decimal strings, some beyond a JavaScript number's precision; see validate.ts. */
const gid = z.string().check(z.regex(/^\d{1,32}$/, 'an Asana id (digits)'));

/** `created_at`: an ISO 8601 date and time with a zone, as Asana writes it ("2012-02-22T02:06:58.147Z"). */
const dateTime = z.iso.datetime({ offset: true });

/** `vacation_dates.*`: an ISO 8601 calendar date ("2022-11-05"). */
const date = z.iso.date();

export const WorkspaceCompactSchema = z.object({ gid, name: z.string() });

export const WorkspaceSchema = z.object({
  gid,
  name: z.string(),
  is_organization: z.boolean(),
  // Declared `format: uri` in the spec but really bare domains ("asana.com"): no format check.
  email_domains: z.array(z.string()),
});

export const UserCompactSchema = z.object({ gid, name: z.string() });

/** Emails can be hidden from the caller (the field then comes back null). */
const email = z.optional(z.nullable(z.string()));

export const UserWithEmailSchema = z.object({ gid, name: z.string(), email });

export const UserSchema = z.object({
  gid,
  name: z.string(),
  email,
  workspaces: z.optional(z.array(WorkspaceCompactSchema)),
});

export const TypeaheadUserSchema = z.object({ gid, name: z.string() });

export const VacationDatesSchema = z.object({
  start_on: z.nullable(date),
  end_on: z.nullable(date),
});

export const MembershipSchema = z.object({
  gid,
  user: UserCompactSchema,
  workspace: WorkspaceCompactSchema,
  is_active: z.boolean(),
  is_admin: z.boolean(),
  is_guest: z.boolean(),
  is_view_only: z.boolean(),
  created_at: z.nullable(dateTime),
  vacation_dates: z.nullable(VacationDatesSchema),
  user_task_list: z.nullable(z.object({ gid, name: z.optional(z.string()) })),
});

/** An out-of-office entry (`/ooo_entries`, which replaces the deprecated `vacation_dates`). */
export const OooEntrySchema = z.object({
  gid,
  start_date: date,
  // The spec gives every entry an end; an open-ended one is still shown rather than refused.
  end_date: z.nullable(date),
  created_by: z.optional(z.nullable(UserCompactSchema)),
});

export const EmptySchema = z.object({});

/**
 * Only the offset is used: the next request is built from the client's own base URL, never from
 * `path` or `uri`, which could name another host. Asana's offsets are short opaque tokens; a
 * megabyte-long one would be sent back in every following request's URL.
 */
export const NextPageSchema = z.nullable(z.object({ offset: z.string().check(z.minLength(1), z.maxLength(4_096)) }));

export const ErrorEnvelopeSchema = z.object({
  errors: z.array(
    z.object({
      message: z.optional(z.string()),
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
export type OooEntry = z.infer<typeof OooEntrySchema>;
