/** In a team channel: create a cohort from the team's members. */
import { z } from "zod";
import type { FieldIssue } from "../domain/errors";
import { LIMITS } from "../domain/limits";
import type { AdaptiveCardJson } from "../domain/ports";
import { adaptiveCard, choiceInput, errorBanner, execute, heading, paragraph, successBanner, textInput, toggleInput } from "./card-kit";
import { asBoolean, asTrimmed } from "./validation";

export const CREATE_COHORT_VERBS = { submit: "cohort.create" } as const;

/** The toggle's title, which the past-start-date message names (domain/cohort-rules.ts). */
export const ALREADY_RUNNING_TITLE = "This cohort is already running";

export interface CreateCohortCardData {
  teamName: string;
  tracks: Array<{ id: string; name: string }>;
  timeZones: string[];
  defaultStartDate: string;
  /** What was typed on a rejected form, shown again so nothing has to be retyped. */
  typed?: Partial<Record<"name" | "trackId" | "startDate" | "timeZone" | "kind", string>> & { alreadyRunning?: boolean };
}

export const CreateCohortSubmission = z.object({
  name: z.preprocess(asTrimmed, z.string({ message: "Give the cohort a name." }).min(1, "Give the cohort a name.").max(LIMITS.shortText)),
  trackId: z.string({ message: "Choose a track." }).min(1, "Choose a track.").max(64),
  startDate: z.string({ message: "Choose a start date." }).regex(/^\d{4}-\d{2}-\d{2}$/, "Choose a start date."),
  timeZone: z.string({ message: "Choose a time zone." }).min(1).max(64),
  kind: z.enum(["team", "leadership"]).default("team"),
  /** A past start date is accepted only for a cohort that is already running: members join at the current week. */
  alreadyRunning: z.preprocess(asBoolean, z.boolean()).optional(),
});
export type CreateCohortSubmission = z.infer<typeof CreateCohortSubmission>;

export function buildCreateCohortCard(data: CreateCohortCardData, error?: { message: string; issues: FieldIssue[] }): AdaptiveCardJson {
  const typed = data.typed ?? {};
  return adaptiveCard(
    [
      ...heading("Create a cohort from this team", data.teamName),
      paragraph("Everyone in the team becomes a member; you become a facilitator. Members get the programme in a 1:1 chat with me."),
      ...(error ? [errorBanner(error.message, error.issues)] : []),
      textInput({ id: "name", label: "Cohort name", value: typed.name ?? `${data.teamName} AI programme`, maxLength: LIMITS.shortText, required: true }),
      choiceInput({ id: "trackId", label: "Track", choices: data.tracks.map((t) => [t.id, t.name]), value: typed.trackId, required: true }),
      { type: "Input.Date", id: "startDate", label: "First session", value: typed.startDate ?? data.defaultStartDate, isRequired: true, errorMessage: "Choose a start date." },
      toggleInput({ id: "alreadyRunning", title: ALREADY_RUNNING_TITLE, value: typed.alreadyRunning }),
      paragraph("Switch this on only for a cohort that has already had its first session: then the first session may be in the past, and members join at the current week.", { subtle: true }),
      choiceInput({ id: "timeZone", label: "Time zone", choices: data.timeZones.map((z) => [z, z]), value: typed.timeZone ?? data.timeZones[0], required: true }),
      choiceInput({ id: "kind", label: "Kind", choices: [["team", "Team cohort"], ["leadership", "Leadership cohort (goes first)"]], value: typed.kind ?? "team", required: true }),
    ],
    [execute("Create cohort", CREATE_COHORT_VERBS.submit, {}, "positive")],
  );
}

/** `whatHappensNext`: when members hear from the bot (a cohort already running joins at its current week). */
export function buildCohortCreatedCard(name: string, members: number, startDate: string, whatHappensNext = "Members will hear from me in a 1:1 chat, starting with the AI-use policy."): AdaptiveCardJson {
  return adaptiveCard([...heading("Cohort created"), successBanner(`${name}: ${members} members, first session ${startDate}.`), paragraph(whatHappensNext)]);
}
