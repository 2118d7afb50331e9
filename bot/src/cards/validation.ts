import type { ZodError } from "zod";
import type { FieldIssue } from "../domain/errors";

/** Zod issues as field messages a member can act on. */
export function issuesFromZod(error: ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ field: i.path.join(".") || "(card)", message: i.message }));
}

/** Teams sends every input value as a string; these read them back into types. */
export const asBoolean = (value: unknown): unknown => (value === "true" || value === true ? true : value === "false" || value === false || value === undefined || value === "" ? false : value);
export const asNumber = (value: unknown): unknown => (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value)) ? Number(value) : value === "" ? undefined : value);
export const asTrimmed = (value: unknown): unknown => (typeof value === "string" ? value.trim() : value);
