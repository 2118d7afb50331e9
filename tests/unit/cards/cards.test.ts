/** @jest-environment jsdom */
/**
 * Every card the bot can send, rendered from test data (including maximum-length input) and
 * validated as Adaptive Card 1.5 by the official SDK, with verbs and size checked.
 */
import { memberText, plainText } from "../../../bot/src/cards/card-kit";
import { ADOPTION_VERBS, AdoptionSubmission, buildAdoptionCard, buildAdoptionSubmittedCard } from "../../../bot/src/cards/adoption.card";
import { APPLY_VERBS, ApplySubmission, buildApplyCard, buildApplySubmittedCard } from "../../../bot/src/cards/apply.card";
import { buildCheckInCard, buildCheckInSubmittedCard, CHECKIN_VERBS, CheckInSubmission, type CheckInCardData } from "../../../bot/src/cards/checkin.card";
import { buildCohortCreatedCard, buildCreateCohortCard, CREATE_COHORT_VERBS } from "../../../bot/src/cards/create-cohort.card";
import { ALERT_VERBS, buildFacilitatorAlertCard, buildMissedCheckInsCard } from "../../../bot/src/cards/facilitator-alert.card";
import { buildHelpCard } from "../../../bot/src/cards/help.card";
import { buildMyCohortsCard, buildOpenQuestionsCard, buildWhoNeedsHelpCard } from "../../../bot/src/cards/facilitator.card";
import { buildMyDataCard, buildMyDataDeletedCard, MY_DATA_VERBS } from "../../../bot/src/cards/my-data.card";
import { buildNextStepsCard, NEXT_VERBS } from "../../../bot/src/cards/next-steps.card";
import { buildNoticeCard } from "../../../bot/src/cards/notice.card";
import { buildPolicyAcknowledgedCard, buildPolicyCard, POLICY_VERBS } from "../../../bot/src/cards/policy.card";
import { buildProgressCard, PROGRESS_VERBS } from "../../../bot/src/cards/progress.card";
import { PAUSE_VERBS } from "../../../bot/src/cards/pause.card";
import { buildAnonymousQuestionStatusCard, buildAnswerCard, buildNoSuchCodeCard, buildQuestionCard, buildQuestionSentCard, QUESTION_VERBS, QuestionSubmission } from "../../../bot/src/cards/question.card";
import { BRIEF_VERBS, buildBriefsCard, buildCatchUpCard } from "../../../bot/src/cards/briefs.card";
import { buildSessionBriefCard } from "../../../bot/src/cards/session-brief.card";
import { buildWelcomeCard } from "../../../bot/src/cards/welcome.card";
import { buildChannelExperimentCard, buildExperimentCard, buildExperimentSharedCard, EXPERIMENT_VERBS } from "../../../bot/src/cards/experiment.card";
import { buildChannelWinCard, buildWinCard, buildWinSharedCard, WIN_VERBS, WinSubmission } from "../../../bot/src/cards/win.card";
import { LIMITS } from "../../../bot/src/domain/limits";
import type { AdaptiveCardJson } from "../../../bot/src/domain/ports";
import { buildTimeline } from "../../../bot/src/domain/timeline";
import { getBuiltInTrack } from "../../../bot/src/domain/tracks";
import type { PolicyVersion } from "../../../bot/src/domain/types";
import { renderedText, validateCard } from "../../helpers/card-validator";

const LONG = "word ".repeat(LIMITS.answerText).slice(0, LIMITS.answerText);
const SHORT_MAX = "x".repeat(LIMITS.shortText);
const track = getBuiltInTrack("finance")!;
const session = track.sessions[0]!;
const issues = [{ field: "confidence", message: "Confidence is from 1 to 5." }];
const timeline = buildTimeline({ startDate: "2026-03-02", timeZone: "Europe/London" }, track);

const bigPolicy: PolicyVersion = {
  tenantId: "t", version: 3, title: SHORT_MAX, summary: "s".repeat(LIMITS.policySummary), publishedAt: "2026-03-02T09:00:00Z", publishedBy: "a",
  sections: {
    allowedUses: Array(LIMITS.policyItems).fill("a".repeat(LIMITS.policyItem)),
    notAllowed: Array(LIMITS.policyItems).fill("b".repeat(LIMITS.policyItem)),
    dataHandling: Array(LIMITS.policyItems).fill("c".repeat(LIMITS.policyItem)),
    approvedTools: Array(LIMITS.policyItems).fill("d".repeat(LIMITS.policyItem)),
  },
};

const checkInData: CheckInCardData = {
  cohortId: "finance-spring", cohortName: SHORT_MAX, sessionNumber: 1, sessionTitle: session.title, commitment: SHORT_MAX,
  reflectQuestions: session.reflectQuestions, userId: "user-1",
};
const values = { tried: LONG, worked: LONG, stuck: LONG, minutesSaved: 6000, confidence: 5, wantsHelp: true };
const records = {
  commitments: Array.from({ length: 4 }, (_, i) => ({ id: `c${i}`, tenantId: "t", cohortId: "c", userId: "u", sessionNumber: i + 1, deliverable: SHORT_MAX, committedAt: "", updatedAt: "" })),
  checkIns: Array.from({ length: 4 }, (_, i) => ({ id: `k${i}`, tenantId: "t", cohortId: "c", userId: "u", sessionNumber: i + 1, tried: LONG, worked: LONG, stuck: LONG, minutesSaved: 30, confidence: 3 as const, wantsHelp: false, submittedAt: "", updatedAt: "" })),
  adoption: [],
  wins: Array.from({ length: 10 }, (_, i) => ({ id: `w${i}`, tenantId: "t", cohortId: "c", userId: "u", displayName: "U", text: LONG, shareConsent: false, createdAt: "" })),
};

const cases: Array<[string, AdaptiveCardJson, readonly string[]]> = [
  ["welcome", buildWelcomeCard({ name: "Alex Wilber", cohortName: SHORT_MAX, nextStep: LONG, tabUrl: "https://localhost:3978/tab/programme" }), []],
  ["session brief", buildSessionBriefCard({ cohortName: SHORT_MAX, sessionNumber: 1, sessionTitle: session.title, learn: session.learn, tabUrl: "https://x/tab" }), []],
  ["apply", buildApplyCard({ cohortId: "c", cohortName: SHORT_MAX, sessionNumber: 1, prompt: session.apply.prompt, examples: session.apply.examples }), Object.values(APPLY_VERBS)],
  ["apply with error", buildApplyCard({ cohortId: "c", cohortName: "n", sessionNumber: 1, prompt: "p", examples: ["e"] }, { message: "Name the piece of work.", issues, value: SHORT_MAX }), Object.values(APPLY_VERBS)],
  ["apply submitted", buildApplySubmittedCard({ cohortId: "c", cohortName: "n", sessionNumber: 1, prompt: "p", examples: [] }, SHORT_MAX), Object.values(APPLY_VERBS)],
  ["apply submitted, done with a link", buildApplySubmittedCard({ cohortId: "c", cohortName: "n", sessionNumber: 1, prompt: "p", examples: [] }, SHORT_MAX, { done: true, link: `https://contoso.sharepoint.com/${"x".repeat(470)}` }), Object.values(APPLY_VERBS)],
  ["check-in", buildCheckInCard(checkInData), Object.values(CHECKIN_VERBS)],
  ["check-in prefilled with error", buildCheckInCard({ ...checkInData, previous: values, isReminder: true }, { message: "Please fix these.", issues }), Object.values(CHECKIN_VERBS)],
  ["check-in submitted", buildCheckInSubmittedCard(checkInData, values, true), Object.values(CHECKIN_VERBS)],
  ["baseline adoption", buildAdoptionCard({ cohortId: "c", cohortName: SHORT_MAX, week: 0 }), Object.values(ADOPTION_VERBS)],
  ["adoption with error", buildAdoptionCard({ cohortId: "c", cohortName: SHORT_MAX, week: 8 }, { message: "Choose how often.", issues }), Object.values(ADOPTION_VERBS)],
  ["adoption submitted", buildAdoptionSubmittedCard({ cohortId: "c", cohortName: "n", week: 4 }, { stillUsing: true, frequency: "weekly", usedFor: LONG }), []],
  ["policy (maximum size)", buildPolicyCard({ policy: bigPolicy, changes: [{ section: "allowedUses", added: bigPolicy.sections.allowedUses, removed: bigPolicy.sections.notAllowed }], tabUrl: "https://x/tab/policy" }), Object.values(POLICY_VERBS)],
  ["policy acknowledged", buildPolicyAcknowledgedCard({ policy: bigPolicy, changes: [], tabUrl: "https://x" }), []],
  ["question", buildQuestionCard({ cohortId: "c", cohortName: SHORT_MAX, draftId: "0b7c3a8e-2f71-4a8b-9a51-1c2d3e4f5a6b" }), Object.values(QUESTION_VERBS)],
  ["question with error", buildQuestionCard({ cohortId: "c", cohortName: "n", draftId: "0b7c3a8e-2f71" }, { message: "Write your question.", issues, text: LONG, anonymous: true }), Object.values(QUESTION_VERBS)],
  ["question sent", buildQuestionSentCard({ cohortId: "c", cohortName: "n", draftId: "d" }, LONG, true), []],
  ["answer", buildAnswerCard({ cohortName: SHORT_MAX, question: LONG, answer: LONG, anonymous: true }), []],
  ["win", buildWinCard({ cohortId: "c", cohortName: SHORT_MAX, draftId: "0b7c3a8e-2f71", hasChannel: true }), Object.values(WIN_VERBS)],
  ["win shared", buildWinSharedCard({ cohortId: "c", cohortName: "n", draftId: "d", hasChannel: true }, LONG, true), []],
  ["win, for a leader", buildWinCard({ cohortId: "c", cohortName: SHORT_MAX, draftId: "0b7c3a8e-2f71", hasChannel: true, leader: true }), [...Object.values(WIN_VERBS), EXPERIMENT_VERBS.open]],
  ["share an experiment with error", buildExperimentCard({ cohortId: "c", cohortName: SHORT_MAX, draftId: "0b7c3a8e-2f71", followingTeams: Array.from({ length: 20 }, () => SHORT_MAX) }, { message: "Fix this", issues, typed: { work: SHORT_MAX, tried: LONG, outcome: LONG } }), Object.values(EXPERIMENT_VERBS)],
  ["experiment shared", buildExperimentSharedCard({ cohortName: SHORT_MAX }, LONG, 2), []],
  ["channel experiment", buildChannelExperimentCard({ leaderName: SHORT_MAX, leadershipCohortName: SHORT_MAX, work: SHORT_MAX, tried: LONG, outcome: LONG }), []],
  ["session 1 brief with a note from your leaders", buildSessionBriefCard({ cohortName: SHORT_MAX, sessionNumber: 1, sessionTitle: session.title, learn: session.learn, tabUrl: "https://x/tab", fromCohort: { featured: [], leaderNote: { leaderName: SHORT_MAX, text: "x".repeat(LIMITS.leaderNote) }, leaders: Array.from({ length: 3 }, () => ({ leaderName: SHORT_MAX, work: SHORT_MAX, tried: LONG, outcome: LONG })) } }), []],
  ["session brief from your leaders", buildSessionBriefCard({ cohortName: SHORT_MAX, sessionNumber: 2, sessionTitle: session.title, learn: session.learn, tabUrl: "https://x/tab", fromCohort: { featured: [], leaders: Array.from({ length: 5 }, () => ({ leaderName: SHORT_MAX, work: SHORT_MAX, tried: LONG, outcome: LONG })) } }), []],
  ["channel win", buildChannelWinCard({ displayName: SHORT_MAX, cohortName: SHORT_MAX, text: LONG, minutesSaved: 90 }), []],
  ["facilitator alert", buildFacilitatorAlertCard({ cohortId: "c", cohortName: SHORT_MAX, alertId: "a", memberName: SHORT_MAX, reason: "asked-for-help", sessionNumber: 2, context: LONG }), Object.values(ALERT_VERBS)],
  ["facilitator alert acknowledged", buildFacilitatorAlertCard({ cohortId: "c", cohortName: "n", alertId: "a", memberName: "m", reason: "missed-two-checkins", sessionNumber: 2, context: "", acknowledgedByName: "Megan" }), [ALERT_VERBS.resolve]],
  ["facilitator alert resolved", buildFacilitatorAlertCard({ cohortId: "c", cohortName: "n", alertId: "a", memberName: "m", reason: "asked-for-help", sessionNumber: 2, context: LONG, resolvedByName: SHORT_MAX }), []],
  ["missed check-ins digest (10,000 names)", buildMissedCheckInsCard({ cohortName: SHORT_MAX, sessionNumber: 3, names: Array.from({ length: 10000 }, (_, i) => `${SHORT_MAX}${i}`), tabUrl: "https://x/tab" }), []],
  ["help", buildHelpCard(), []],
  ["help for unknown text", buildHelpCard({ didNotUnderstand: LONG }), []],
  ["next steps", buildNextStepsCard({ cohortId: "c", cohortName: "n", due: timeline.slice(0, 6), upcoming: timeline[7], titleOf: (e) => e.key }), [...Object.values(NEXT_VERBS), ...Object.values(PAUSE_VERBS)]],
  ["next steps, nothing due", buildNextStepsCard({ cohortId: "c", cohortName: "n", due: [], titleOf: (e) => e.key }), Object.values(PAUSE_VERBS)],
  ["progress", buildProgressCard({ cohortId: "c", cohortName: SHORT_MAX, summary: { streak: 3, checkInsDone: 3, checkInsDue: 3, minutesSaved: 400, wins: 2, lastConfidence: 4, confidenceTrend: [2, 3, 4], stuck: false } }), [...Object.values(PAUSE_VERBS), ...Object.values(PROGRESS_VERBS)]],
  ["my data", buildMyDataCard({ cohortId: "c", cohortName: "n", records }), Object.values(MY_DATA_VERBS)],
  ["my data, confirming", buildMyDataCard({ cohortId: "c", cohortName: "n", records }, true), Object.values(MY_DATA_VERBS)],
  ["my data deleted", buildMyDataDeletedCard("n", 8), []],
  ["create cohort", buildCreateCohortCard({ teamName: SHORT_MAX, tracks: [{ id: "finance", name: "Finance" }], timeZones: ["Europe/London"], defaultStartDate: "2026-03-09" }, { message: "Fix this", issues }), Object.values(CREATE_COHORT_VERBS)],
  ["cohort created", buildCohortCreatedCard(SHORT_MAX, 1200, "2026-03-09"), []],
  ["notice", buildNoticeCard("Not in a cohort yet", LONG, "Ask your facilitator."), []],
  ["check-in submitted, facilitators unreachable", buildCheckInSubmittedCard(checkInData, values, false, "unreached"), Object.values(CHECKIN_VERBS)],
  ["check-in submitted, help taken", buildCheckInSubmittedCard(checkInData, values, false, "taken"), Object.values(CHECKIN_VERBS)],
  ["policy already acknowledged (maximum size)", buildPolicyCard({ policy: bigPolicy, changes: [{ section: "allowedUses", added: bigPolicy.sections.allowedUses, removed: bigPolicy.sections.notAllowed }], tabUrl: "https://x/tab/policy", acknowledgedAt: "2026-03-02T09:00:00Z" }), []],
  ["my data with help requests, confirming", buildMyDataCard({ cohortId: "c", cohortName: SHORT_MAX, records, helpRequests: 99 }, true), Object.values(MY_DATA_VERBS)],
  ["help for a facilitator who is also a member", buildHelpCard({ member: true, facilitator: true, didNotUnderstand: LONG }), []],
  ["help for a facilitator", buildHelpCard({ facilitator: true }), []],
  ["welcome for a facilitator", buildWelcomeCard({ name: SHORT_MAX, nextStep: LONG, tabUrl: "https://x/tab", facilitator: true }), []],
  ["my cohorts (many, long names)", buildMyCohortsCard({ cohorts: Array.from({ length: 500 }, (_, i) => ({ name: SHORT_MAX, status: i % 2 ? "active" : "paused", week: 3, totalWeeks: 9, members: 1200, latestCheckIn: { sessionNumber: 2, responseRate: i % 3 ? { suppressed: false, n: 1200, value: 0.85, basis: "rounded-down-share" } : { suppressed: true } } })), tabUrl: "https://x/tab" }), []],
  ["my cohorts (none)", buildMyCohortsCard({ cohorts: [], tabUrl: "https://x/tab" }), []],
  ["who needs help (many, longest text)", buildWhoNeedsHelpCard({ people: Array.from({ length: 10_000 }, (_, i) => ({ cohortName: SHORT_MAX, displayName: SHORT_MAX, reason: i % 2 ? "stuck" : "asked-for-help", latestStuck: LONG, latestSession: 3, notReachedInTeams: i % 3 === 0, ...(i % 5 === 0 ? { takenBy: SHORT_MAX } : {}) })), tabUrl: "https://x/tab" }), []],
  ["who needs help (nobody)", buildWhoNeedsHelpCard({ people: [], tabUrl: "https://x/tab" }), []],
  ["open questions (many, longest text)", buildOpenQuestionsCard({ questions: Array.from({ length: 10_000 }, (_, i) => ({ cohortName: SHORT_MAX, text: LONG, askedOn: "2026-03-09", ...(i % 2 ? { askedByName: SHORT_MAX } : {}) })), tabUrl: "https://x/tab/questions" }), []],
  ["briefs (every session, longest text)", buildBriefsCard({ cohortId: "c", cohortName: SHORT_MAX, briefs: Array.from({ length: 52 }, (_, i) => ({ sessionNumber: i + 1, title: SHORT_MAX, workflow: SHORT_MAX, summary: LONG, localDate: "2026-03-02" })) }), Object.values(BRIEF_VERBS)],
  ["briefs (none yet)", buildBriefsCard({ cohortId: "c", cohortName: SHORT_MAX, briefs: [] }), []],
  ["catch-up (every session, longest text)", buildCatchUpCard({ cohortId: "c", cohortName: SHORT_MAX, nextUp: LONG, briefs: Array.from({ length: 52 }, (_, i) => ({ sessionNumber: i + 1, title: SHORT_MAX, workflow: SHORT_MAX, summary: LONG, localDate: "2026-03-02" })) }), Object.values(BRIEF_VERBS)],
  ["anonymous question sent, with private code", buildQuestionSentCard({ cohortId: "c", cohortName: SHORT_MAX, draftId: "d" }, LONG, true, { code: "ABCD-EFGH-JKLM", refreshUserId: "29:user" }), Object.values(QUESTION_VERBS)],
  ["anonymous question answered privately", buildAnonymousQuestionStatusCard({ cohortId: "c", cohortName: SHORT_MAX, code: "ABCD-EFGH-JKLM", refreshUserId: "29:user", text: LONG, status: "answered", answer: LONG, privately: true }), Object.values(QUESTION_VERBS)],
  ["anonymous question answered for the cohort", buildAnonymousQuestionStatusCard({ cohortId: "c", cohortName: "n", code: "ABCD-EFGH-JKLM", text: LONG, status: "answered", answer: LONG, privately: false }), Object.values(QUESTION_VERBS)],
  ["no question with that code", buildNoSuchCodeCard(), []],
  ["open questions (none)", buildOpenQuestionsCard({ questions: [], tabUrl: "https://x/tab/questions" }), []],
];

describe("every card the bot sends", () => {
  it.each(cases)("when the %s card is rendered, then it is a valid Adaptive Card 1.5 under 28 KB with known verbs", (_name, card, verbs) => {
    const result = validateCard(card, verbs);
    expect(result.errors).toEqual([]);
    expect(result.sizeBytes).toBeLessThan(28 * 1024);
    expect(card.version).toBe("1.5");
  });

  it("when a card has an Action.Execute without a verb, then validation fails (the check can fail)", () => {
    const card = { type: "AdaptiveCard", version: "1.5", body: [], actions: [{ type: "Action.Execute", title: "Go" }] };
    expect(validateCard(card).errors).toContain('Action.Execute "Go" has no verb');
  });

  it("when a card carries user-specific refresh, then only that user is named and no user id is in action data", () => {
    const card = buildCheckInCard(checkInData) as { refresh: { userIds: string[] }; actions: Array<{ data: Record<string, unknown> }> };
    expect(card.refresh.userIds).toEqual(["user-1"]);
    expect(JSON.stringify(card.actions)).not.toContain("user-1");
  });
});

describe("card submissions", () => {
  const validCheckIn = { cohortId: "c", sessionNumber: "1", tried: "  drafted it ", worked: "", stuck: "", minutesSaved: "45", confidence: "4", wantsHelp: "false", injected: "drop me" };

  it("when a valid check-in arrives as Teams sends it (strings), then it parses with types and unknown fields dropped", () => {
    const parsed = CheckInSubmission.parse(validCheckIn);
    expect(parsed).toEqual({ cohortId: "c", sessionNumber: 1, tried: "drafted it", worked: "", stuck: "", minutesSaved: 45, confidence: 4, wantsHelp: false });
  });

  it.each([
    ["an empty required field", { tried: "   " }, "tried"],
    ["confidence 0", { confidence: "0" }, "confidence"],
    ["confidence 6", { confidence: "6" }, "confidence"],
    ["confidence that is not a number", { confidence: "abc" }, "confidence"],
    ["negative minutes", { minutesSaved: "-5" }, "minutesSaved"],
    ["text over the limit", { stuck: "x".repeat(LIMITS.answerText + 1) }, "stuck"],
  ])("when a check-in has %s, then it is refused naming the field", (_what, change, field) => {
    const result = CheckInSubmission.safeParse({ ...validCheckIn, ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path[0])).toContain(field);
  });

  it("when other cards are submitted, then their schemas coerce and limit input", () => {
    expect(ApplySubmission.parse({ cohortId: "c", sessionNumber: "2", deliverable: " Q3 pack " })).toEqual({ cohortId: "c", sessionNumber: 2, deliverable: "Q3 pack" });
    expect(ApplySubmission.safeParse({ cohortId: "c", sessionNumber: "2", deliverable: SHORT_MAX + "x" }).success).toBe(false);
    expect(AdoptionSubmission.parse({ cohortId: "c", week: "4", stillUsing: "yes", frequency: "weekly" })).toMatchObject({ week: 4, stillUsing: true, usedFor: "" });
    expect(AdoptionSubmission.safeParse({ cohortId: "c", week: "4", stillUsing: "maybe", frequency: "weekly" }).success).toBe(false);
    expect(QuestionSubmission.parse({ cohortId: "c", draftId: "0b7c3a8e-2f71", text: "Why?", anonymous: "true" }).anonymous).toBe(true);
    expect(QuestionSubmission.safeParse({ cohortId: "c", draftId: "../../etc", text: "Why?", anonymous: "true" }).success).toBe(false);
    expect(WinSubmission.parse({ cohortId: "c", draftId: "0b7c3a8e-2f71", text: "Saved an hour", minutesSaved: "", share: "true" })).toMatchObject({ share: true, minutesSaved: undefined });
  });
});

describe("text people wrote is plain text in every card", () => {
  const EVIL = "[Reset your password here](https://evil.example/login) **urgent** _now_ # Heading\n- item\n1. one\n> quote `code` www.evil.example mailto:a@evil.example {{DATE(2017-02-14T06:00:00Z)}}";
  const evilRecords = {
    commitments: [{ ...records.commitments[0]!, deliverable: EVIL }],
    checkIns: [{ ...records.checkIns[0]!, tried: EVIL, worked: EVIL, stuck: EVIL }],
    adoption: [],
    wins: [{ ...records.wins[0]!, text: EVIL }],
  };
  const evilCards: Array<[string, AdaptiveCardJson]> = [
    ["check-in quoting a commitment", buildCheckInCard({ ...checkInData, cohortName: EVIL, commitment: EVIL })],
    ["check-in submitted", buildCheckInSubmittedCard({ ...checkInData, cohortName: EVIL }, { ...values, tried: EVIL, worked: EVIL, stuck: EVIL }, false)],
    ["apply submitted", buildApplySubmittedCard({ cohortId: "c", cohortName: EVIL, sessionNumber: 1, prompt: "p", examples: [] }, EVIL)],
    ["adoption submitted", buildAdoptionSubmittedCard({ cohortId: "c", cohortName: EVIL, week: 4 }, { stillUsing: true, frequency: "weekly", usedFor: EVIL })],
    ["question sent", buildQuestionSentCard({ cohortId: "c", cohortName: EVIL, draftId: "d" }, EVIL, true)],
    ["answer to the cohort", buildAnswerCard({ cohortName: EVIL, question: EVIL, answer: EVIL, anonymous: true })],
    ["win shared", buildWinSharedCard({ cohortId: "c", cohortName: EVIL, draftId: "d", hasChannel: true }, EVIL, true)],
    ["channel win", buildChannelWinCard({ displayName: EVIL, cohortName: EVIL, text: EVIL, minutesSaved: 5 })],
    ["facilitator alert", buildFacilitatorAlertCard({ cohortId: "c", cohortName: EVIL, alertId: "a", memberName: EVIL, reason: "asked-for-help", sessionNumber: 2, context: EVIL })],
    ["facilitator alert taken", buildFacilitatorAlertCard({ cohortId: "c", cohortName: EVIL, alertId: "a", memberName: EVIL, reason: "stuck-twice", sessionNumber: 2, context: EVIL, acknowledgedByName: EVIL })],
    ["missed check-ins", buildMissedCheckInsCard({ cohortName: EVIL, sessionNumber: 3, names: [EVIL, EVIL], tabUrl: "https://x/tab" })],
    ["my data", buildMyDataCard({ cohortId: "c", cohortName: EVIL, records: evilRecords })],
    ["welcome", buildWelcomeCard({ name: EVIL, cohortName: EVIL, nextStep: "Type **next**.", tabUrl: "https://x/tab" })],
    ["help for unknown text", buildHelpCard({ didNotUnderstand: EVIL })],
    ["cohort created", buildCohortCreatedCard(EVIL, 3, "2026-03-09")],
    ["my cohorts", buildMyCohortsCard({ cohorts: [{ name: EVIL, status: "active", week: 2, totalWeeks: 9, members: 6 }], tabUrl: "https://x/tab" })],
    ["who needs help", buildWhoNeedsHelpCard({ people: [{ cohortName: EVIL, displayName: EVIL, reason: "asked-for-help", latestStuck: EVIL, latestSession: 2, takenBy: EVIL, notReachedInTeams: false }], tabUrl: "https://x/tab" })],
    ["open questions", buildOpenQuestionsCard({ questions: [{ cohortName: EVIL, text: EVIL, askedOn: "2026-03-09", askedByName: EVIL }], tabUrl: "https://x/tab/questions" })],
    ["anonymous question answered privately", buildAnonymousQuestionStatusCard({ cohortId: "c", cohortName: EVIL, code: "ABCD-EFGH-JKLM", text: EVIL, status: "answered", answer: EVIL, privately: true })],
    ["briefs", buildBriefsCard({ cohortId: "c", cohortName: EVIL, briefs: [{ sessionNumber: 1, title: "t", workflow: "w", summary: "s", localDate: "2026-03-02" }] })],
    ["catch-up", buildCatchUpCard({ cohortId: "c", cohortName: EVIL, briefs: [{ sessionNumber: 1, title: "t", workflow: "w", summary: "s", localDate: "2026-03-02" }] })],
    ["policy with admin text", buildPolicyCard({ policy: { ...bigPolicy, version: 1, sections: { allowedUses: [EVIL], notAllowed: [EVIL], dataHandling: [EVIL], approvedTools: [EVIL] } }, changes: [], tabUrl: "https://x/tab/policy" })],
  ];


  it.each(evilCards)("when member text full of markdown and links is rendered in the %s card, then none of it reaches markdown and no link survives", (_name, card) => {
    expect(validateCard(card).errors).toEqual([]);
    const { markdown, runs } = renderedText(card);
    for (const text of markdown) {
      expect(text).not.toMatch(/Reset your password|evil|urgent|supplier|\{\{DATE/);
    }
    const shown = runs.join("\n");
    expect(shown).toMatch(/Reset your password here/);
    expect(shown).not.toMatch(/https?:\/\//);
    expect(shown).not.toMatch(/evil\.example/);
    expect(shown).not.toMatch(/www\./);
    expect(shown).not.toContain("{{");
    expect(JSON.stringify(card)).not.toMatch(/"type":"Action\.OpenUrl","title":"[^"]*","url":"https:\/\/evil/);
  });

  it("when plain text is made, then ordinary words stay as typed and URL-looking words keep their look", () => {
    expect(plainText("Saved 45 minutes on the Q3 pack, e.g. the variance notes.")).toBe("Saved 45 minutes on the Q3 pack, e.g. the variance notes.");
    expect(plainText("see https://evil.example/login")).toBe("see https\u2236//evil\u2024example/login");
    expect(memberText("**bold**")).toEqual({ type: "RichTextBlock", inlines: [{ type: "TextRun", text: "**bold**" }] });
  });

  it("when the check-in card is rendered, then it says who sees the answers", () => {
    expect(JSON.stringify(buildCheckInCard(checkInData))).toContain("Your facilitators see your answers; your cohort sees only group figures.");
  });
});
