/**
 * What an `Action.Execute` carries. Two kinds of data arrive together and fail differently:
 * - the ids the bot itself put on the card (cohort, session, version…): if those do not parse, the
 *   invoke is malformed — not something the member can fix — and is answered with a 400;
 * - what the member typed: if that does not parse, the same card comes back with the problem
 *   shown, and nothing is stored.
 */
import { z, type ZodType } from "zod";
import { asBoolean, asNumber, issuesFromZod } from "../cards/validation";
import { isSafeIdPart } from "../domain/ids";
import type { SubmissionProblem } from "../usecases/member/event-cards";

export class MalformedActionError extends Error {
  constructor(readonly problems: string) {
    super(problems);
    this.name = "MalformedActionError";
  }
}

const id = z.string().min(1).max(128).refine(isSafeIdPart, "is not an id");
const int = (min: number, max: number) => z.preprocess(asNumber, z.number().int().min(min).max(max));
const flag = z.preprocess(asBoolean, z.boolean()).optional();

export const CohortRef = z.object({ cohortId: id });
export const SessionRef = CohortRef.extend({ sessionNumber: int(1, 52) });
export const CheckInRefresh = SessionRef.extend({ edit: flag });
export const AdoptionRef = CohortRef.extend({ week: int(0, 52) });
export const DraftRef = CohortRef.extend({ draftId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/) });
export const PolicyRef = z.object({ version: int(1, 100_000) });
export const AlertRef = CohortRef.extend({ alertId: z.string().min(1).max(512) });
export const EventRef = CohortRef.extend({ eventKey: z.string().min(1).max(64) });
export const MyDataRef = CohortRef.extend({ cancel: flag });

/** Reads the ids the bot put on the card; throws MalformedActionError when they are missing or wrong. */
export function parseActionData<T>(schema: ZodType<T>, data: unknown): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new MalformedActionError(result.error.issues.map((i) => `${i.path.join(".") || "data"} ${i.message}`).slice(0, 3).join("; "));
}

export type Submission<T> = { ok: true; value: T } | { ok: false; problem: SubmissionProblem };

/** Reads what the member typed with the card's own schema. */
export function parseSubmission<T>(schema: ZodType<T>, data: unknown): Submission<T> {
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problem: { message: "Please check your answers: nothing was saved yet.", issues: issuesFromZod(result.error) } };
}

/** Text the member typed, to show again on a rejected card: never more than the card's input allows. */
export function typedText(data: Record<string, unknown>, field: string, max: number): string {
  const value = data[field];
  return typeof value === "string" ? value.slice(0, max) : "";
}
