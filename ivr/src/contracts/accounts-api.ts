// Console accounts, managed by supervisors on the accounts page: the requests (validated at the
// server, and by the console before they leave the browser) and the account as the page shows it.
import { z } from "zod";
import { ROLES, type AgentState, type Role } from "./console-api.ts";

/** NIST SP 800-63B and OWASP ASVS 2.1.1: at least 12 characters, no composition rules. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** "anna", "b.kaya", "team-2": what a person types at sign-in, lower case. */
export const accountId = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/);

export const newPassword = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);

export const newAccountRequest = z
  .object({
    id: accountId,
    displayName: z.string().trim().min(2).max(100),
    role: z.enum(ROLES),
    /** The centre a "centre" account belongs to; required for that role, refused for the others. */
    centreId: z.number().int().positive().max(2_147_483_647).optional(),
    /** Set by the supervisor; without it the server draws one and shows it once. */
    password: newPassword.optional(),
  })
  .refine((r) => (r.role === "centre") === (r.centreId !== undefined), { path: ["centreId"] });
export type NewAccountRequest = z.infer<typeof newAccountRequest>;

export const passwordResetRequest = z.object({
  /** Set by the supervisor; without it the server draws one and shows it once. */
  password: newPassword.optional(),
});
export type PasswordResetRequest = z.infer<typeof passwordResetRequest>;

export interface AccountView {
  id: string;
  displayName: string;
  role: Role;
  /** A centre account's centre; null (or absent) for the others. */
  centreId?: number | null;
  state: AgentState;
  /** ISO; null while the account may sign in. */
  disabledAt: string | null;
  /** Languages the agent speaks: calls are offered by the caller's language. */
  languages?: string[];
  createdAt: string;
  passwordChangedAt: string | null;
}

/** A new account, or a reset password: `password` is the drawn one, shown once and never again. */
export interface AccountAnswer {
  account: AccountView;
  password: string | null;
}
