/**
 * The check-in asks the session's own reflect questions with an answer box each, offers the common
 * blockers as codes, and asks whether the member may be quoted; at maximum lengths it stays a
 * valid Adaptive Card 1.5 under 28 KB, and what the member typed is always plain text.
 */
import { buildCheckInCard, buildCheckInSubmittedCard, CHECKIN_VERBS, CheckInSubmission, reflectField, typedCheckIn, type CheckInCardData, type CheckInValues } from "../../../bot/src/cards/checkin.card";
import { BLOCKER_LABELS } from "../../../bot/src/domain/check-in-choices";
import { buildMyDataCard, MY_DATA_VERBS } from "../../../bot/src/cards/my-data.card";
import { LIMITS } from "../../../bot/src/domain/limits";
import { BLOCKERS } from "../../../bot/src/domain/types";
import { renderedText, validateCard } from "../../helpers/card-validator";

/** Three bytes a character in UTF-8: the heaviest text a member can type within the limits. */
const heavy = (n: number) => "語".repeat(n);
const EVIL = "[Reset](https://evil.example/login) **urgent** www.evil.example {{DATE(2017-02-14T06:00:00Z)}}";

const data: CheckInCardData = {
  cohortId: "finance-spring",
  cohortName: heavy(LIMITS.shortText),
  sessionNumber: 2,
  sessionTitle: heavy(LIMITS.shortText),
  commitment: heavy(LIMITS.shortText),
  reflectQuestions: Array.from({ length: LIMITS.reflectQuestions + 2 }, (_, i) => `${i}: ${heavy(LIMITS.shortText)}`),
  closesOn: "2026-03-12",
  userId: "user-1",
};
const fullValues: CheckInValues = {
  tried: heavy(LIMITS.answerText),
  worked: heavy(LIMITS.answerText),
  stuck: heavy(LIMITS.answerText),
  minutesSaved: LIMITS.minutesSavedMax,
  confidence: 5,
  wantsHelp: true,
  reflect: Array.from({ length: LIMITS.reflectQuestions }, () => heavy(LIMITS.reflectAnswerText)),
  blockers: [...BLOCKERS],
  quoteConsent: "named",
};

type Input = { type: string; id?: string; label?: string; value?: string; isMultiSelect?: boolean; choices?: Array<{ value: string }> };
function inputs(card: unknown): Input[] {
  const found: Input[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const obj = node as Record<string, unknown>;
    if (typeof obj.type === "string" && obj.type.startsWith("Input.")) found.push(obj as unknown as Input);
    Object.values(obj).forEach(walk);
  };
  walk(card);
  return found;
}

describe("the check-in card", () => {
  it("when the check-in has closed, then the card says so and that an answer still counts, instead of a close date in the past", () => {
    const open = renderedText(buildCheckInCard(data)).markdown.join("\n");
    expect(open).toContain("It closes on 2026-03-12, before the next session.");
    const closed = renderedText(buildCheckInCard({ ...data, closed: true })).markdown.join("\n");
    expect(closed).toContain("It closed on 2026-03-12. You can still send it");
    expect(closed).not.toContain("It closes on");
    expect(validateCard(buildCheckInCard({ ...data, closed: true }), Object.values(CHECKIN_VERBS)).errors).toEqual([]);
  });

  it("when a session has reflect questions, then each gets its own answer box labelled with the question (up to the limit)", () => {
    const boxes = inputs(buildCheckInCard({ ...data, reflectQuestions: ["Did it find anything you had not seen?", "What would you try next?"] })).filter((i) => i.id?.startsWith("reflect"));
    expect(boxes.map((b) => [b.id, b.label])).toEqual([
      ["reflect1", "Did it find anything you had not seen?"],
      ["reflect2", "What would you try next?"],
    ]);
    expect(inputs(buildCheckInCard(data)).filter((i) => i.id?.startsWith("reflect"))).toHaveLength(LIMITS.reflectQuestions);
  });

  it("when the card is shown, then it offers the six common blockers as a multi-select of codes and a three-way quote choice defaulting to no", () => {
    const all = inputs(buildCheckInCard(data));
    const blockers = all.find((i) => i.id === "blockers")!;
    expect(blockers).toMatchObject({ type: "Input.ChoiceSet", isMultiSelect: true });
    expect(blockers.choices!.map((c) => c.value)).toEqual(["first-draft", "trusting-output", "what-to-share", "finding-time", "tool-access", "other"]);
    const quote = all.find((i) => i.id === "quoteConsent")!;
    expect(quote.choices!.map((c) => c.value)).toEqual(["no", "anonymous", "named"]);
    expect(quote.value).toBe("no");
  });

  it.each([
    ["form", buildCheckInCard(data)],
    ["form prefilled, with an error on every field", buildCheckInCard({ ...data, previous: fullValues, isReminder: true }, { message: "Please check your answers: nothing was saved yet.", issues: ["tried", "worked", "stuck", "blockers", "reflect1", "reflect2", "reflect3", "minutesSaved", "confidence", "quoteConsent"].map((field) => ({ field, message: `${field} is wrong` })) })],
    ["answered", buildCheckInSubmittedCard(data, fullValues, true, "unreached")],
  ])("when the %s is built at maximum lengths in a 3-byte script, then it is a valid 1.5 card under 28 KB", (_name, card) => {
    const result = validateCard(card, Object.values(CHECKIN_VERBS));
    expect(result.errors).toEqual([]);
    expect(result.sizeBytes).toBeLessThan(28 * 1024);
  });

  it("when a field is refused, then its problem is shown right under that field", () => {
    const card = buildCheckInCard({ ...data, reflectQuestions: ["Q?"] }, { message: "Please check your answers: nothing was saved yet.", issues: [{ field: "reflect1", message: "Each answer must be under 500 characters." }] });
    const body = JSON.stringify(card);
    expect(body.indexOf("Each answer must be under 500 characters.", body.indexOf('"id":"reflect1"'))).toBeGreaterThan(body.indexOf('"id":"reflect1"'));
    expect(body.indexOf('"id":"minutesSaved"')).toBeGreaterThan(body.lastIndexOf("Each answer must be under 500 characters."));
  });

  it("when member text is shown back, then it is plain text (a TextRun), never markdown", () => {
    const evilValues: CheckInValues = { ...fullValues, tried: EVIL, worked: EVIL, stuck: EVIL, reflect: [EVIL] };
    const { markdown } = renderedText(buildCheckInSubmittedCard({ ...data, reflectQuestions: ["Q?"] }, evilValues, false));
    expect(markdown.join("\n")).not.toContain("evil");
    const { markdown: myData } = renderedText(buildMyDataCard({ cohortId: "c", cohortName: "n", records: { commitments: [], adoption: [], wins: [], checkIns: [{ id: "k", tenantId: "t", cohortId: "c", userId: "u", sessionNumber: 1, tried: EVIL, worked: "", stuck: "", minutesSaved: 0, confidence: 3, wantsHelp: false, reflectAnswers: [{ question: "Q?", answer: EVIL }], blockers: ["first-draft"], quoteConsent: "anonymous", submittedAt: "", updatedAt: "" }] } }));
    expect(myData.join("\n")).not.toContain("evil");
  });

  it("when 'my data' lists a check-in, then its reflect answers, blockers and quote choice are there", () => {
    const card = buildMyDataCard({ cohortId: "c", cohortName: "n", records: { commitments: [], adoption: [], wins: [], checkIns: [{ id: "k", tenantId: "t", cohortId: "c", userId: "u", sessionNumber: 1, tried: "Drafts", worked: "", stuck: "", minutesSaved: 0, confidence: 3, wantsHelp: false, reflectAnswers: [{ question: "Did it get anything wrong?", answer: "One total" }], blockers: ["trusting-output"], quoteConsent: "anonymous", submittedAt: "", updatedAt: "" }] } });
    const runs = renderedText(card).runs.join("\n");
    expect(runs).toContain("One total");
    expect(runs).toContain(BLOCKER_LABELS["trusting-output"]);
    expect(runs).toContain("you may quote me without my name");
    expect(validateCard(card, Object.values(MY_DATA_VERBS)).errors).toEqual([]);
  });
});

describe("the check-in submission", () => {
  const valid = { cohortId: "c", sessionNumber: "1", tried: "drafted it", worked: "", stuck: "", minutesSaved: "45", confidence: "4", wantsHelp: "false" };

  it("when Teams sends blockers as a comma list, reflect answers and a quote choice, then they parse as codes and trimmed text", () => {
    const parsed = CheckInSubmission.parse({ ...valid, blockers: "first-draft,finding-time", [reflectField(0)]: "  it missed a column ", quoteConsent: "anonymous" });
    expect(parsed).toMatchObject({ blockers: ["first-draft", "finding-time"], reflect1: "it missed a column", quoteConsent: "anonymous" });
  });

  it.each([
    ["an unknown blocker code", { blockers: "first-draft,bribery" }, "blockers"],
    ["a quote choice that is not offered", { quoteConsent: "everyone" }, "quoteConsent"],
    ["a reflect answer over the limit", { reflect2: "x".repeat(LIMITS.reflectAnswerText + 1) }, "reflect2"],
  ])("when a check-in has %s, then it is refused naming the field", (_what, change, field) => {
    const result = CheckInSubmission.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path[0])).toContain(field);
  });

  it("when a refused card is shown again, then everything typed is kept, within each input's limit", () => {
    const typed = typedCheckIn({ ...valid, confidence: "9", tried: "x".repeat(5000), reflect1: "my answer", blockers: "first-draft,bribery", quoteConsent: "named", wantsHelp: "true" });
    expect(typed).toMatchObject({ confidence: 9, minutesSaved: 45, reflect: ["my answer", "", ""], blockers: ["first-draft"], quoteConsent: "named", wantsHelp: true });
    expect(typed.tried).toHaveLength(LIMITS.answerText);
  });
});
