import { LIMITS } from "../../../bot/src/domain/limits";
import { STARTER_POLICY } from "../../../bot/src/domain/policy-template";
import { BUILT_IN_TRACKS, listTracks, resolveTrack } from "../../../bot/src/domain/tracks";
import type { Track } from "../../../bot/src/domain/types";

const strings = (track: Track): string[] =>
  track.sessions.flatMap((s) => [s.title, s.learn.workflow, s.learn.summary, ...s.learn.tryThis, s.learn.examplePrompt, s.learn.watchOut, s.apply.prompt, ...s.apply.examples, ...s.reflectQuestions]);

describe("the built-in role tracks", () => {
  it("when the tracks are listed, then leadership, marketing, finance, operations, project management and HR are there", () => {
    expect(BUILT_IN_TRACKS.map((t) => t.id).sort()).toEqual(["finance", "hr", "leadership", "marketing", "operations", "project-management"]);
  });

  it.each(BUILT_IN_TRACKS.map((t) => [t.id, t] as const))("when the %s track is read, then it has four complete sessions of real, role-specific content", (_id, track) => {
    expect(track.sessions.map((s) => s.number)).toEqual([1, 2, 3, 4]);
    for (const session of track.sessions) {
      expect(session.learn.tryThis.length).toBeGreaterThanOrEqual(3);
      expect(session.learn.tryThis.length).toBeLessThanOrEqual(5);
      expect(session.apply.examples.length).toBeGreaterThanOrEqual(3);
      expect(session.reflectQuestions.length).toBeGreaterThanOrEqual(1);
      expect(session.learn.summary.length).toBeLessThanOrEqual(400);
      expect(session.learn.examplePrompt.length).toBeLessThanOrEqual(500);
    }
    for (const text of strings(track)) {
      expect(text.trim().length).toBeGreaterThan(3);
      expect(text).not.toMatch(/lorem|ipsum|TODO|TBD|placeholder/i);
    }
    expect(new Set(track.sessions.map((s) => s.learn.workflow)).size).toBe(4);
    expect(track.adoptionCheckWeeks).toEqual([4, 8, 12]);
  });

  it("when a tenant saves its own version of a track, then it overrides the built-in one", () => {
    const custom: Track = { ...BUILT_IN_TRACKS.find((t) => t.id === "finance")!, name: "Finance (our version)" };
    expect(resolveTrack("finance", [custom])!.name).toBe("Finance (our version)");
    expect(resolveTrack("hr", [custom])!.id).toBe("hr");
    expect(resolveTrack("nope", [custom])).toBeUndefined();
    expect(listTracks([custom]).filter((t) => t.id === "finance")).toHaveLength(1);
  });

  it("when the starter policy is read, then each of its four sections has items within the limits", () => {
    for (const items of Object.values(STARTER_POLICY.sections)) {
      expect(items.length).toBeGreaterThanOrEqual(3);
      for (const item of items) expect(item.length).toBeLessThanOrEqual(LIMITS.policyItem);
    }
    expect(STARTER_POLICY.summary.length).toBeLessThanOrEqual(LIMITS.policySummary);
  });
});
