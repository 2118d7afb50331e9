/** "My data": a member sees their own reflections and can delete them (with a confirm step). */
import type { AdaptiveCardJson } from "../domain/ports";
import type { MemberRecords } from "../domain/ports";
import { BLOCKER_LABELS, QUOTE_CONSENT_LABELS } from "../domain/check-in-choices";
import { FREQUENCIES } from "./adoption.card";

const FREQUENCY_WORDS = new Map(FREQUENCIES);
import { adaptiveCard, execute, heading, memberList, paragraph, section, successBanner, truncate } from "./card-kit";

export const MY_DATA_VERBS = { askDelete: "mydata.ask-delete", confirmDelete: "mydata.confirm-delete" } as const;

export interface MyDataCardData {
  cohortId: string;
  cohortName: string;
  records: MemberRecords;
  /** Help requests to the facilitators that quote what the member wrote. */
  helpRequests?: number;
}

export function buildMyDataCard(data: MyDataCardData, confirming = false): AdaptiveCardJson {
  const { records } = data;
  const lines = [
    ...(data.helpRequests ? [`${data.helpRequests} note${data.helpRequests === 1 ? "" : "s"} to your facilitators quoting your check-in (asking for help or saying where you got stuck)`] : []),
    ...records.commitments.map((c) => `Session ${c.sessionNumber} commitment: ${truncate(c.deliverable, 120)}`),
    ...records.checkIns.flatMap((c) => [
      `Session ${c.sessionNumber} check-in: tried "${truncate(c.tried, 100)}", confidence ${c.confidence}/5, ${c.minutesSaved} min saved${c.blockers?.length ? `, in the way: ${c.blockers.map((b) => BLOCKER_LABELS[b]).join("; ")}` : ""}; ${QUOTE_CONSENT_LABELS[c.quoteConsent ?? "no"].toLowerCase()}`,
      ...(c.reflectAnswers ?? []).map((r) => `Session ${c.sessionNumber}, "${truncate(r.question, 80)}": ${truncate(r.answer, 120)}`),
    ]),
    ...records.adoption.map((a) => `${a.week === 0 ? "Before the programme" : `Week ${a.week}`}: ${a.stillUsing ? "using AI in real work" : "not using AI in real work"}, ${(FREQUENCY_WORDS.get(a.frequency) ?? a.frequency).toLowerCase()}`),
    ...records.wins.map((w) => `Win: ${truncate(w.text, 120)}`),
  ];
  const body = [
    ...heading("Your data", data.cohortName),
    lines.length ? section("What we hold about you here", [memberList(lines.slice(0, 30))]) : paragraph("We hold no reflections of yours in this cohort."),
    paragraph("Anonymous questions are not linked to you, so they are not listed and cannot be.", { subtle: true }),
  ];
  if (!lines.length) return adaptiveCard(body);
  if (confirming) {
    return adaptiveCard(
      [
        ...body,
        paragraph("**Delete all of these?** This cannot be undone. Your facilitators' totals will no longer include you. Notes to your facilitators keep only that you asked, so they can still reach you; your words in them are deleted."),
      ],
      [execute("Yes, delete my reflections", MY_DATA_VERBS.confirmDelete, { cohortId: data.cohortId }, "destructive"), execute("Keep them", MY_DATA_VERBS.askDelete, { cohortId: data.cohortId, cancel: true })],
    );
  }
  return adaptiveCard(body, [execute("Delete my reflections…", MY_DATA_VERBS.askDelete, { cohortId: data.cohortId }, "destructive")]);
}

export function buildMyDataDeletedCard(cohortName: string, deleted: number): AdaptiveCardJson {
  return adaptiveCard([
    ...heading("Your data", cohortName),
    successBanner(`Deleted ${deleted} record${deleted === 1 ? "" : "s"}.`),
    paragraph("Your commitments, check-ins, adoption answers and wins are gone, and so are your words in notes to your facilitators."),
    paragraph("You don't need to redo anything: **next** shows only what is open this week, and you can carry on from there.", { subtle: true }),
  ]);
}
