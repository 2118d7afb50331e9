/** The built-in role tracks. A tenant may customise one by saving a track with the same id. */
import type { Track } from "../types";
import { financeTrack } from "./finance.track";
import { hrTrack } from "./hr.track";
import { leadershipTrack } from "./leadership.track";
import { marketingTrack } from "./marketing.track";
import { operationsTrack } from "./operations.track";
import { projectManagementTrack } from "./project-management.track";

export const BUILT_IN_TRACKS: readonly Track[] = [leadershipTrack, financeTrack, marketingTrack, operationsTrack, projectManagementTrack, hrTrack];

export function getBuiltInTrack(id: string): Track | undefined {
  return BUILT_IN_TRACKS.find((t) => t.id === id);
}

/** The tenant's own version of a track wins over the built-in one. */
export function resolveTrack(trackId: string, customTracks: Track[]): Track | undefined {
  return customTracks.find((t) => t.id === trackId) ?? getBuiltInTrack(trackId);
}

export function listTracks(customTracks: Track[]): Track[] {
  const custom = new Map(customTracks.map((t) => [t.id, t]));
  return [...BUILT_IN_TRACKS.map((t) => custom.get(t.id) ?? t), ...customTracks.filter((t) => !getBuiltInTrack(t.id))];
}
