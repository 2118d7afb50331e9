/** The diff an admin reads before moving a cohort, and the seniority variant a member reads: both pure. */
import { diffTracks } from "../../../bot/src/domain/track-diff";
import { getBuiltInTrack } from "../../../bot/src/domain/tracks";
import { applyVariant, briefExtras, trackForMember } from "../../../bot/src/domain/tracks/session-variant";
import type { Track } from "../../../bot/src/domain/types";

const finance = getBuiltInTrack("finance")!;
const withVariants: Track = {
  ...finance,
  seniorityRules: [{ level: "executive", titleContains: ["partner"] }],
  sessions: finance.sessions.map((s, i) => (i === 0 ? { ...s, variants: { executive: { summary: "For the board.", applyPrompt: "Which board paper?" } } } : s)),
};

describe("what changes between two versions of a track", () => {
  it("when nothing changed, then there is nothing to read", () => {
    expect(diffTracks(finance, { ...finance })).toEqual([]);
  });

  it("when a workflow, a link, the tool and a session change, then each is one readable entry", () => {
    const next: Track = {
      ...finance,
      approvedTool: { name: "Microsoft 365 Copilot", howTo: ["Open Word"] },
      sessions: [{ ...finance.sessions[0]!, learn: { ...finance.sessions[0]!.learn, workflow: "Q4 board pack commentary" }, links: [{ title: "Template", url: "https://contoso.sharepoint.com/t.docx" }] }, ...finance.sessions.slice(1, -1)],
    };
    const diff = diffTracks(finance, next);
    expect(diff).toEqual(expect.arrayContaining([
      { where: "Approved tool", before: "", after: "Microsoft 365 Copilot" },
      { where: "Approved tool · how-to", before: "", after: "1. Open Word" },
      { where: "Session 1 · workflow", before: finance.sessions[0]!.learn.workflow, after: "Q4 board pack commentary" },
      { where: "Session 1 · links", before: "", after: "Template (https://contoso.sharepoint.com/t.docx)" },
      { where: `Session ${finance.sessions.length}`, before: finance.sessions.at(-1)!.title, after: "Removed" },
    ]));
    expect(diffTracks(withVariants, finance)).toContainEqual({ where: "Session 1 · Executives · summary", before: "For the board.", after: "" });
  });
});

describe("a member's own version of a session", () => {
  it("when the member's title matches the track's rule, then they read the executive variant; others read the session as written", () => {
    const partner = trackForMember(withVariants, { jobTitle: "Audit Partner" });
    expect(partner.sessions[0]!.learn.summary).toBe("For the board.");
    expect(partner.sessions[0]!.apply.prompt).toBe("Which board paper?");
    expect(partner.sessions[0]!.learn.tryThis).toEqual(finance.sessions[0]!.learn.tryThis);
    expect(trackForMember(withVariants, { jobTitle: "Analyst" }).sessions[0]!.learn.summary).toBe(finance.sessions[0]!.learn.summary);
    expect(briefExtras(withVariants, partner.sessions[0]!, { jobTitle: "Audit Partner" }).variant).toBe("executive");
  });

  it("when the admin chose the member's level, then that wins over the job title", () => {
    expect(trackForMember(withVariants, { jobTitle: "Analyst", seniority: "executive" }).sessions[0]!.learn.summary).toBe("For the board.");
    expect(applyVariant(finance.sessions[0]!, "manager")).toBe(finance.sessions[0]);
  });
});
