/** The version diff an admin reads before moving a cohort, for the track's live sessions: pure. */
import { defaultLiveSessions } from "../../../bot/src/domain/live-sessions";
import { diffTracks } from "../../../bot/src/domain/track-diff";
import { getBuiltInTrack } from "../../../bot/src/domain/tracks";
import type { LiveSessionDefinition, Track } from "../../../bot/src/domain/types";

const finance: Track = { ...getBuiltInTrack("finance")!, liveSessions: undefined };
const defaults = defaultLiveSessions(finance);
/** The track with a list of its own: the defaults written out, then edited. */
const custom = (edit: (list: LiveSessionDefinition[]) => LiveSessionDefinition[]): Track => ({ ...finance, liveSessions: edit(defaults.map((d) => ({ ...d }))) });

describe("live sessions in the diff between two versions of a track", () => {
  it("when a track on the defaults gets the same list written out, then nothing changes", () => {
    expect(diffTracks(finance, custom((l) => l))).toEqual([]);
  });

  it("when a clinic moves a week, gets its own time and a longer slot, then each is one line in plain words", () => {
    const next = custom((l) => l.map((d) => (d.key === "clinic.s2" ? { ...d, week: 3, localTime: "14:00", durationMinutes: 60 } : d)));
    const title = defaults.find((d) => d.key === "clinic.s2")!.title;
    expect(diffTracks(finance, next)).toEqual([
      { where: `Live session “${title}” · when`, before: "Week 2, after session 2's check-in closes (clinic)", after: "Week 3, after session 3's check-in closes (clinic)" },
      { where: `Live session “${title}” · time`, before: "The cohort's delivery time", after: "14:00" },
      { where: `Live session “${title}” · length`, before: "45 minutes", after: "60 minutes" },
    ]);
  });

  it("when a session is added and one removed, then each is one line saying what it is and when", () => {
    const next = custom((l) => [...l.filter((d) => d.key !== "clinic.s1"), { key: "kickoff-2", kind: "kickoff", week: 2, title: "Leaders' kick-off", durationMinutes: 30, localTime: "08:30" }]);
    expect(diffTracks(finance, next)).toEqual([
      { where: "Live sessions", before: `${defaults.find((d) => d.key === "clinic.s1")!.title}: Week 1, after session 1's check-in closes (clinic), at the cohort's delivery time, 45 minutes`, after: "Removed" },
      { where: "Live sessions", before: "", after: "Added: Leaders' kick-off: Week 2, on the day of session 2's brief (kick-off), at 08:30, 30 minutes" },
    ]);
  });

  it("when the track drops its live sessions, then every one of them reads as removed", () => {
    const diff = diffTracks(finance, { ...finance, liveSessions: [] });
    expect(diff).toHaveLength(defaults.length);
    expect(diff.every((c) => c.where === "Live sessions" && c.after === "Removed")).toBe(true);
    expect(diff[0]!.before).toBe("Kick-off: Week 1, on the day of session 1's brief (kick-off), at the cohort's delivery time, 45 minutes");
  });
});
