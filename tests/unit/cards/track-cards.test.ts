/** @jest-environment jsdom */
/**
 * The cards an authored track sends, at every maximum length of the track editor in a 3-byte
 * script (and, for the brief, with the most the cohort and its leaders can share): valid Adaptive
 * Card 1.5 under 28 KB, links only as https Action.OpenUrl, the prompt in a copyable plain box.
 */
import { buildApplyCard } from "../../../bot/src/cards/apply.card";
import { buildCheckInCard } from "../../../bot/src/cards/checkin.card";
import { buildSessionBriefCard } from "../../../bot/src/cards/session-brief.card";
import { TrackContentInput } from "../../../bot/src/contract/track-authoring-contract";
import { LIMITS } from "../../../bot/src/domain/limits";
import { TRACK_LIMITS } from "../../../bot/src/domain/tracks/track-limits";
import { renderedText, validateCard } from "../../helpers/card-validator";

const W = (n: number) => "語".repeat(n);
const list = (items: number, length: number) => Array.from({ length: items }, () => W(length));
const LINK = (i: number) => ({ title: W(TRACK_LIMITS.linkTitle), url: `https://contoso.sharepoint.com/${i}/${"a".repeat(TRACK_LIMITS.linkUrl - 40)}` });

const maxLearn = { workflow: W(TRACK_LIMITS.workflow), summary: W(TRACK_LIMITS.summary), tryThis: list(TRACK_LIMITS.tryThisItems, TRACK_LIMITS.tryThisItem), examplePrompt: W(TRACK_LIMITS.examplePrompt), watchOut: W(TRACK_LIMITS.watchOut) };
const maxBrief = {
  cohortName: W(LIMITS.shortText),
  sessionNumber: 2,
  sessionTitle: W(TRACK_LIMITS.sessionTitle),
  learn: maxLearn,
  tabUrl: "https://localhost:3978/tab/programme",
  links: Array.from({ length: TRACK_LIMITS.links }, (_, i) => LINK(i)),
  approvedTool: { name: W(TRACK_LIMITS.toolName), howTo: list(TRACK_LIMITS.howToSteps, TRACK_LIMITS.howToStep) },
  variant: "manager" as const,
};
const everythingShared = {
  note: W(LIMITS.digestNote),
  summaryLine: W(LIMITS.shortText),
  featured: [1, 2, 3].map(() => ({ text: W(LIMITS.answerText), kind: "quote" as const, attribution: W(LIMITS.shortText) })),
  leaderNote: { leaderName: W(LIMITS.shortText), text: W(LIMITS.leaderNote) },
  leaders: Array.from({ length: 3 }, () => ({ leaderName: W(LIMITS.shortText), work: W(LIMITS.shortText), tried: W(LIMITS.answerText), outcome: W(LIMITS.answerText) })),
};

describe("an authored track's cards at maximum lengths", () => {
  it.each([
    ["brief (track at every maximum)", buildSessionBriefCard(maxBrief)],
    ["brief (track at every maximum, with everything the cohort and its leaders can share)", buildSessionBriefCard({ ...maxBrief, fromCohort: everythingShared })],
    ["apply", buildApplyCard({ cohortId: "c", cohortName: W(LIMITS.shortText), sessionNumber: 12, prompt: W(TRACK_LIMITS.applyPrompt), examples: list(TRACK_LIMITS.applyExamples, TRACK_LIMITS.applyExample) })],
    ["check-in", buildCheckInCard({ cohortId: "c", cohortName: W(LIMITS.shortText), sessionNumber: 12, sessionTitle: W(TRACK_LIMITS.sessionTitle), commitment: W(LIMITS.shortText), reflectQuestions: list(TRACK_LIMITS.reflectQuestions, TRACK_LIMITS.reflectQuestion), userId: "u" })],
  ])("when the %s card is built, then it is a valid 1.5 card under 28 KB", (_name, card) => {
    const result = validateCard(card, ["apply.submit", "checkin.submit", "checkin.refresh"]);
    expect(result.errors).toEqual([]);
    expect(result.sizeBytes).toBeLessThan(28 * 1024);
  });

  it("when the brief has links, a tool and a variant, then each link is an https Action.OpenUrl, the tool has its steps, and the prompt is a plain box to copy", () => {
    const card = buildSessionBriefCard({ ...maxBrief, learn: { ...maxLearn, examplePrompt: "Summarise **this** [table](https://evil.example)" }, links: [{ title: "Board pack template", url: "https://contoso.sharepoint.com/sites/finance/pack.docx" }, { title: "Not https", url: "http://contoso.com/x" }], approvedTool: { name: "Microsoft 365 Copilot", howTo: ["Open Word", "Select Copilot"] } });
    const json = JSON.stringify(card);
    expect(json).toContain('"type":"Action.OpenUrl","title":"Board pack template","url":"https://contoso.sharepoint.com/sites/finance/pack.docx"');
    expect(json).not.toContain("http://contoso.com/x");
    const { markdown } = renderedText(card);
    expect(markdown.join("\n")).toContain("Use Microsoft 365 Copilot");
    expect(markdown.join("\n")).toContain("1. Open Word\n2. Select Copilot");
    expect(markdown.join("\n")).toContain("Written for people managers.");
    // The prompt is never markdown: it sits in a text box as typed, ready to select and copy.
    expect(markdown.some((m) => m.includes("[table]"))).toBe(false);
    expect(json).toContain('"type":"Input.Text","id":"examplePrompt"');
    expect(json).toContain("Summarise **this** [table](https://evil.example)");
  });

  it("when everything shared is at its maximum too, then the brief quotes less of it rather than going over budget, and keeps the track's own words", () => {
    const card = buildSessionBriefCard({ ...maxBrief, fromCohort: everythingShared });
    const json = JSON.stringify(card);
    expect(json).toContain(maxLearn.examplePrompt);
    expect(json).toContain(maxLearn.watchOut);
    expect(json).toContain("From your cohort last week");
  });
});

describe("the track editor's input rules", () => {
  const session = { number: 1, title: "Close", learn: { workflow: "w", summary: "s", tryThis: ["t"], examplePrompt: "p", watchOut: "o" }, apply: { prompt: "a", examples: [] }, reflectQuestions: [], links: [], variants: {} };
  const content = { name: "Ours", role: "finance", audience: "a", description: "d", defaultLocalTime: "09:30", adoptionCheckWeeks: [4, 8], sessions: [session], seniorityRules: [] };

  it("when the content is right, then it is accepted", () => {
    expect(TrackContentInput.safeParse(content).success).toBe(true);
  });

  it.each([
    ["an http link", { sessions: [{ ...session, links: [{ title: "t", url: "http://contoso.com/a" }] }] }, "sessions.0.links.0.url"],
    ["sessions out of order", { sessions: [{ ...session, number: 2 }] }, "sessions.0.number"],
    ["a time that is not HH:mm", { defaultLocalTime: "9.30" }, "defaultLocalTime"],
    ["the same adoption week twice", { adoptionCheckWeeks: [4, 4] }, "adoptionCheckWeeks"],
    ["two rules for one level", { seniorityRules: [{ level: "manager", titleContains: ["lead"] }, { level: "manager", titleContains: ["head"] }] }, "seniorityRules"],
    ["an unknown seniority variant", { sessions: [{ ...session, variants: { intern: { summary: "x" } } }] }, "sessions.0.variants"],
    ["a workflow too long", { sessions: [{ ...session, learn: { ...session.learn, workflow: "x".repeat(TRACK_LIMITS.workflow + 1) } }] }, "sessions.0.learn.workflow"],
  ])("when it has %s, then it is refused on that field", (_what, change, field) => {
    const result = TrackContentInput.safeParse({ ...content, ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join("."))).toContain(field);
  });
});
