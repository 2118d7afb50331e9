/** @jest-environment jsdom */
/**
 * The "Before session n+1" card and the brief that opens with "From your cohort last week", at
 * maximum lengths in a 3-byte script: valid Adaptive Card 1.5, under 28 KB, known verbs, and
 * everything people wrote shown as plain text.
 */
import { buildDigestCard, DIGEST_VERBS, DigestSubmission, type DigestCardData } from "../../../bot/src/cards/digest.card";
import { buildSessionBriefCard } from "../../../bot/src/cards/session-brief.card";
import { LIMITS } from "../../../bot/src/domain/limits";
import { getBuiltInTrack } from "../../../bot/src/domain/tracks";
import { renderedText, validateCard } from "../../helpers/card-validator";

const WIDE = "語".repeat(LIMITS.answerText);
const session = getBuiltInTrack("finance")!.sessions[1]!;
const data = (over: Partial<DigestCardData> = {}): DigestCardData => ({
  cohortId: "c",
  cohortName: "語".repeat(LIMITS.shortText),
  sessionNumber: 1,
  nextSessionNumber: 2,
  nextSessionOn: "2026-03-09",
  members: 20000,
  responses: 19999,
  withheld: false,
  blockers: [{ label: "Trusting or checking the output", count: 12000 }, { label: "Finding time", count: 300 }],
  quotes: Array.from({ length: 40 }, (_, i) => ({ id: `q-${i}`, kind: "reflect" as const, question: "語".repeat(300), text: `${i} ${WIDE}`, named: i % 2 === 0 })),
  wins: Array.from({ length: 20 }, (_, i) => ({ id: `w-win:c:draft-${i}`, displayName: "語".repeat(LIMITS.shortText), text: WIDE })),
  openHelpRequests: 3,
  openQuestions: 2,
  summaryLine: "At least 19995 of 20000 of you tried it; the most common block was trusting or checking the output, so this session starts there.",
  published: { note: "語".repeat(LIMITS.digestNote), featured: ["q-0", "w-win:c:draft-1"], publishedByName: "Megan" },
  etag: "etag-1",
  tabUrl: "https://localhost:3978/",
  ...over,
});

describe("the digest card", () => {
  it.each([
    ["full, published, at maximum lengths", buildDigestCard(data())],
    ["withheld under 5 answers", buildDigestCard(data({ withheld: true, responses: 4, blockers: [], quotes: [], summaryLine: undefined }))],
    ["refused, keeping what was typed", buildDigestCard(data(), { message: "Choose at most three to feature.", issues: [{ field: "featured", message: "Choose at most three." }], note: "語".repeat(LIMITS.digestNote), featured: ["q-1", "q-2", "q-3", "q-4"] })],
  ])("when it is %s, then it is a valid Adaptive Card 1.5 under 28 KB", (_name, card) => {
    const result = validateCard(card, Object.values(DIGEST_VERBS));
    expect(result.errors).toEqual([]);
    expect(result.sizeBytes).toBeLessThan(28 * 1024);
  });

  it("when members wrote markdown, then it shows literally", () => {
    const card = buildDigestCard(data({ quotes: [{ id: "q-1", kind: "worked", text: "**bold** [link](https://evil.example)", named: false }] }));
    const { markdown, runs } = renderedText(card);
    // As a TextRun (never parsed as markdown; a URL is defused so Teams does not link it), never in a markdown TextBlock.
    expect(runs.some((r) => r.includes("**bold** [link](https"))).toBe(true);
    expect(markdown.some((m) => m.includes("evil.example"))).toBe(false);
  });

  it("reads a multi-select answer into at most three ids, and refuses a fourth", () => {
    expect(DigestSubmission.parse({ cohortId: "c", sessionNumber: "1", note: " hi ", featured: "q-1,q-2" })).toMatchObject({ note: "hi", featured: ["q-1", "q-2"] });
    expect(DigestSubmission.safeParse({ cohortId: "c", sessionNumber: 1, featured: "a,b,c,d" }).success).toBe(false);
    expect(DigestSubmission.parse({ cohortId: "c", sessionNumber: 1 })).toMatchObject({ note: "", featured: [] });
  });
});

describe("the session brief, opening with what the cohort did", () => {
  it("when the note, three featured items and the summary are at maximum length, then the brief is valid and under 28 KB, and shows them as plain text", () => {
    const card = buildSessionBriefCard({
      cohortName: "語".repeat(LIMITS.shortText),
      sessionNumber: 2,
      sessionTitle: session.title,
      learn: session.learn,
      tabUrl: "https://localhost:3978/",
      fromCohort: { note: `**${"語".repeat(LIMITS.digestNote - 4)}**`, featured: [1, 2, 3].map((i) => ({ text: `${i}${WIDE}`, kind: "quote" as const, attribution: "語".repeat(LIMITS.shortText) })), summaryLine: "At least 10 of 14 of you tried it." },
    });
    const result = validateCard(card, []);
    expect(result.errors).toEqual([]);
    expect(result.sizeBytes).toBeLessThan(28 * 1024);
    const { markdown, runs } = renderedText(card);
    expect(markdown.join("\n")).toContain("From your cohort last week");
    expect(runs.some((r) => r.startsWith(`**${"語".repeat(10)}`))).toBe(true);
    expect(markdown.some((m) => m.includes("語語語語語語語語語語"))).toBe(false);
  });
});
