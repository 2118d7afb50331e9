/**
 * Live sessions (issue 19): the API types for a cohort's Teams meetings, their attendance and
 * catch-up, the facilitator's run-sheet, and practice pods. Staff only (the cohort's facilitators
 * and admins); members never see who attended or which pod anyone else is in.
 */
import { z } from "zod";
import type { MeetingState } from "../domain/live-sessions";

export type { MeetingState } from "../domain/live-sessions";

/**
 * - "off": not turned on for this tenant (LIVE_SESSIONS_ENABLED / LIVE_SESSIONS_TENANT_IDS).
 * - "waiting": turned on, nothing created in Graph yet.
 * - "on": Graph accepted the tenant's meetings.
 * - "not-consented": Graph refused: an admin must grant the permissions (README, "Live sessions").
 */
export type LiveSessionsStateDto = "off" | "waiting" | "on" | "not-consented";

/** Who came to a live session, from its Teams attendance report. */
export interface LiveSessionAttendanceDto {
  /**
   * - "pending": the meeting is not over yet, or its report has not been read yet;
   * - "read": `attended` of `invited` members joined (facilitators and leaders not counted);
   * - "unavailable": Teams gave no report (`note` says why in plain words, e.g. no consent for reports).
   */
  state: "pending" | "read" | "unavailable";
  invited: number;
  attended: number;
  readAt?: string;
  note?: string;
}

/** One live session of a cohort, as its facilitators see it. */
export interface LiveSessionDto {
  key: string;
  kind: "kickoff" | "clinic";
  sessionNumber: number;
  title: string;
  /** UTC instants, and the local date and time in the cohort's zone. */
  startsAt: string;
  endsAt: string;
  localDate: string;
  localTime: string;
  state: MeetingState;
  joinUrl?: string;
  attendance: LiveSessionAttendanceDto;
  /** What was covered, for those who missed it (the facilitator writes it; plain text). */
  notes: string;
  recordingUrl?: string;
  /**
   * The catch-up card to members who missed it: "not-yet" (due at `dueAt`, once attendance is read),
   * "sent" (to `sentTo` members), or "none-missed".
   */
  catchUp: { state: "not-yet" | "sent" | "none-missed"; sentTo: number; sentAt?: string; dueAt?: string };
}

export interface LiveSessionsResponse {
  cohortId: string;
  liveSessions: LiveSessionsStateDto;
  sessions: LiveSessionDto[];
}

export const LIVE_SESSION_NOTES_MAX = 2000;

/** PUT .../live-sessions/:sessionKey/notes: the catch-up's content; `sendCatchUpNow` sends it at once to those who missed it (the meeting must be over and its attendance read). */
export const LiveSessionNotesInput = z.object({
  notes: z.string().trim().max(LIVE_SESSION_NOTES_MAX, `Keep the notes under ${LIVE_SESSION_NOTES_MAX} characters.`),
  recordingUrl: z
    .string()
    .trim()
    .max(2000, "The recording link is too long.")
    .refine((v) => v === "" || /^https:\/\/[^\s]+$/i.test(v), "The recording link must start with https://.")
    .nullable()
    .optional(),
  sendCatchUpNow: z.boolean().optional(),
});
export type LiveSessionNotesInput = z.infer<typeof LiveSessionNotesInput>;

// ---------- the facilitator's run-sheet ----------

/** Everything a facilitator needs open during one live session. `?session=<key>`; default: the next one not over, else the last. */
export interface RunSheetResponse {
  cohortId: string;
  cohortName: string;
  liveSessions: LiveSessionsStateDto;
  /** Every live session of the cohort, earliest first, to choose from. */
  sessions: LiveSessionDto[];
  /** Absent when the cohort has no live sessions. */
  selected?: {
    session: LiveSessionDto;
    /** The session plan from the cohort's track (its pinned version). */
    plan: { sessionNumber: number; title: string; workflow: string; summary: string; tryThis: string[]; examplePrompt?: string; watchOut?: string; reflectQuestions: string[] };
    /** For a clinic after session n: what the cohort reported on session n (the digest's figures, never names; withheld under 5 answers). */
    reported?: { sessionNumber: number; responses: number; members: number; withheld: boolean; blockers: Array<{ label: string; count: number }>; summaryLine?: string };
    /** Members stuck or asking for help, with open help requests (staff already see these names). */
    stuck: Array<{ userId: string; displayName: string; reason: "asked-for-help" | "stuck-twice" | "missed-two-checkins"; sessionNumber: number }>;
    /** Questions not yet answered; anonymous ones carry no name. */
    openQuestions: Array<{ id: string; text: string; askedAt: string; askedBy?: string }>;
    /** The previous live session's attendance, with who missed it. */
    lastAttendance?: { key: string; title: string; startsAt: string; attended: number; invited: number; missed: Array<{ userId: string; displayName: string }> };
  };
}

// ---------- practice pods ----------

export const POD_MIN = 4;
export const POD_MAX = 6;

/** PUT .../pods: "auto" lets the app split the cohort mixing confidence levels; "manual" gives each pod's members (user ids). */
export const PodsInput = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("auto") }),
  z.object({
    mode: z.literal("manual"),
    pods: z.array(z.array(z.string().min(1).max(128)).min(POD_MIN, `Each pod needs ${POD_MIN} to ${POD_MAX} people.`).max(POD_MAX, `Each pod needs ${POD_MIN} to ${POD_MAX} people.`)).min(1).max(5000),
  }),
]);
export type PodsInput = z.infer<typeof PodsInput>;

export interface PodDto {
  id: string;
  name: string;
  members: Array<{ userId: string; displayName: string }>;
  /**
   * "creating": its Teams group chat is being created; "ready": the chat exists with the app in it;
   * "failed": Teams refused (`problem` says why in plain words).
   */
  chat: "creating" | "ready" | "failed";
  problem?: string;
  /** Messages in the pod's chat, counted by the bot (never read or stored): this week and in all. */
  activity: { thisWeek: number; total: number; lastActiveOn?: string };
  /** Exercises posted to the pod ("try it together"), one per session. */
  exercisesPosted: number;
}

export interface PodsResponse {
  cohortId: string;
  liveSessions: LiveSessionsStateDto;
  pods: PodDto[];
  /** Members in no pod (joined after the split). */
  unassigned: Array<{ userId: string; displayName: string }>;
  etag?: string;
}
