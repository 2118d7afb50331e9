/** In a team channel: create a cohort from the team's members. */
import { z } from "zod";
import type { FieldIssue } from "../domain/errors";
import { LIMITS } from "../domain/limits";
import type { AdaptiveCardJson } from "../domain/ports";
import { adaptiveCard, choiceInput, errorBanner, execute, heading, paragraph, successBanner, textInput } from "./card-kit";
import { asTrimmed } from "./validation";

export const CREATE_COHORT_VERBS = { submit: "cohort.create" } as const;

export interface CreateCohortCardData {
  teamName: string;
  tracks: Array<{ id: string; name: string }>;
  timeZones: string[];
  defaultStartDate: string;
}

export const CreateCohortSubmission = z.object({
  name: z.preprocess(asTrimmed, z.string({ message: "Give the cohort a name." }).min(1, "Give the cohort a name.").max(LIMITS.shortText)),
  trackId: z.string({ message: "Choose a track." }).min(1, "Choose a track.").max(64),
  startDate: z.string({ message: "Choose a start date." }).regex(/^\d{4}-\d{2}-\d{2}$/, "Choose a start date."),
  timeZone: z.string({ message: "Choose a time zone." }).min(1).max(64),
  kind: z.enum(["team", "leadership"]).default("team"),
});
export type CreateCohortSubmission = z.infer<typeof CreateCohortSubmission>;

export function buildCreateCohortCard(data: CreateCohortCardData, error?: { message: string; issues: FieldIssue[] }): AdaptiveCardJson {
  return adaptiveCard(
    [
      ...heading("Create a cohort from this team", data.teamName),
      paragraph("Everyone in the team becomes a member; you become a facilitator. Members get the programme in a 1:1 chat with me."),
      ...(error ? [errorBanner(error.message, error.issues)] : []),
      textInput({ id: "name", label: "Cohort name", value: `${data.teamName} AI programme`, maxLength: LIMITS.shortText, required: true }),
      choiceInput({ id: "trackId", label: "Track", choices: data.tracks.map((t) => [t.id, t.name]), required: true }),
      { type: "Input.Date", id: "startDate", label: "First session", value: data.defaultStartDate, isRequired: true, errorMessage: "Choose a start date." },
      choiceInput({ id: "timeZone", label: "Time zone", choices: data.timeZones.map((z) => [z, z]), value: data.timeZones[0], required: true }),
      choiceInput({ id: "kind", label: "Kind", choices: [["team", "Team cohort"], ["leadership", "Leadership cohort (goes first)"]], value: "team", required: true }),
    ],
    [execute("Create cohort", CREATE_COHORT_VERBS.submit, {}, "positive")],
  );
}

export function buildCohortCreatedCard(name: string, members: number, startDate: string): AdaptiveCardJson {
  return adaptiveCard([...heading("Cohort created"), successBanner(`${name}: ${members} members, first session ${startDate}.`), paragraph("Members will hear from me in a 1:1 chat, starting with the AI-use policy.")]);
}
