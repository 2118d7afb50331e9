/** Tells a cohort's facilitators that a member needs attention, with context and "I'll reach out". */
import { LIMITS } from "../domain/limits";
import type { AdaptiveCardJson } from "../domain/ports";
import type { AlertReason } from "../domain/types";
import { adaptiveCard, execute, facts, heading, memberList, memberText, openUrl, paragraph, section, successBanner, truncate } from "./card-kit";

export const ALERT_VERBS = { reachOut: "alert.reach-out", resolve: "alert.resolve" } as const;

const REASONS: Record<AlertReason, string> = {
  "asked-for-help": "asked for help",
  "stuck-twice": "has reported being stuck twice",
  "missed-two-checkins": "has missed two check-ins",
};

export interface FacilitatorAlertCardData {
  cohortId: string;
  cohortName: string;
  alertId: string;
  memberName: string;
  reason: AlertReason;
  sessionNumber: number;
  context: string;
  acknowledgedByName?: string;
  /** Set once a facilitator has marked it resolved: the member is no longer shown as stuck for it. */
  resolvedByName?: string;
}

export function buildFacilitatorAlertCard(data: FacilitatorAlertCardData): AdaptiveCardJson {
  const body = [
    ...heading(`${truncate(data.memberName, 120)} ${REASONS[data.reason]}`, `${data.cohortName} · session ${data.sessionNumber}`, { plainTitle: true }),
    section("Context", [memberText(truncate(data.context || "–", LIMITS.answerText))], "emphasis"),
    facts([["Reason", REASONS[data.reason]]]),
  ];
  const ref = { cohortId: data.cohortId, alertId: data.alertId };
  if (data.resolvedByName) {
    return adaptiveCard([...body, successBanner(`Resolved by ${data.resolvedByName}. The member no longer shows as needing help for this check-in.`)]);
  }
  if (data.acknowledgedByName) {
    return adaptiveCard(
      [...body, successBanner(`${data.acknowledgedByName} is reaching out.`), paragraph("Once they are unblocked, mark it resolved: the tab then stops showing them as stuck.", { subtle: true })],
      [execute("Mark resolved", ALERT_VERBS.resolve, ref, "positive")],
    );
  }
  return adaptiveCard(
    [...body, paragraph("A short, friendly message now keeps people in the programme.", { subtle: true })],
    [execute("I'll reach out", ALERT_VERBS.reachOut, ref, "positive")],
  );
}

/** One card for all the members who missed two check-ins by a session, however many they are. */
export function buildMissedCheckInsCard(data: { cohortName: string; sessionNumber: number; names: string[]; tabUrl: string }): AdaptiveCardJson {
  const shown = data.names.slice(0, 10).map((n) => truncate(n, 80));
  const more = data.names.length - shown.length;
  return adaptiveCard(
    [
      ...heading(`${data.names.length} ${data.names.length === 1 ? "member has" : "members have"} missed two check-ins`, `${data.cohortName} · by session ${data.sessionNumber}`),
      memberList(more > 0 ? [...shown, `…and ${more} more in the tab`] : shown),
      paragraph("A short, friendly message now keeps people in the programme. Missing check-ins usually means busy, not uninterested.", { subtle: true }),
    ],
    [openUrl("See them in the tab", data.tabUrl)],
  );
}
