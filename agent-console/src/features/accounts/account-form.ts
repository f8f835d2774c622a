// The new-account form's fields → the contract's request, or a message key per field.
import { newAccountRequest, newPassword, type NewAccountRequest } from "@contracts/accounts-api.ts";
import type { Role } from "@contracts/console-api.ts";

export interface AccountFields {
  id: string;
  displayName: string;
  role: Role;
  /** A centre account's centre (the select's value), "" until chosen. */
  centreId: string;
  /** "draw": the server draws a password and shows it once; "set": the supervisor types one. */
  password: "draw" | "set";
  chosen: string;
}

export type AccountField = "id" | "displayName" | "centreId" | "chosen";

const MESSAGE_KEYS: Record<AccountField, string> = {
  id: "accounts.form.idInvalid",
  displayName: "accounts.form.nameInvalid",
  centreId: "accounts.form.centreInvalid",
  chosen: "accounts.form.passwordInvalid",
};

export const emptyAccount: AccountFields = {
  id: "",
  displayName: "",
  role: "agent",
  centreId: "",
  password: "draw",
  chosen: "",
};

export function toAccountRequest(
  fields: AccountFields,
): { request: NewAccountRequest } | { errors: Partial<Record<AccountField, string>> } {
  const errors: Partial<Record<AccountField, string>> = {};
  const parsed = newAccountRequest.safeParse({
    id: fields.id.trim().toLowerCase(),
    displayName: fields.displayName,
    role: fields.role,
    ...(fields.role === "centre" && fields.centreId ? { centreId: Number(fields.centreId) } : {}),
    ...(fields.password === "set" ? { password: fields.chosen } : {}),
  });
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === "password" ? "chosen" : (issue.path[0] as AccountField);
      if (field in MESSAGE_KEYS) errors[field] ??= MESSAGE_KEYS[field];
    }
  if (fields.password === "set" && !passwordUsable(fields.id, fields.chosen)) errors.chosen = MESSAGE_KEYS.chosen;
  if (!parsed.success || Object.keys(errors).length > 0) return { errors };
  return { request: parsed.data };
}

/** The server's rule, checked before sending: long enough, and not containing the user name. */
export function passwordUsable(id: string, password: string): boolean {
  const name = id.trim().toLowerCase();
  return newPassword.safeParse(password).success && !(name && password.toLowerCase().includes(name));
}
