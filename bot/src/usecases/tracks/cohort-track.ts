/**
 * THE way a cohort's track is found: an authored track at the version the cohort is pinned to
 * (a running cohort keeps its version until an admin moves it), else the built-in track. Every
 * place that reads a cohort's sessions or schedule goes through here.
 */
import type { TrackRepository } from "../../domain/ports";
import { getBuiltInTrack } from "../../domain/tracks";
import type { Cohort, TenantId, Track } from "../../domain/types";

/** The cohort's track at its pinned version; absent `trackVersion`: the latest authored version, else the built-in track. */
export async function trackOfCohort(tracks: TrackRepository, cohort: Pick<Cohort, "tenantId" | "trackId" | "trackVersion">): Promise<Track | undefined> {
  const authored = await tracks.get(cohort.tenantId, cohort.trackId, cohort.trackVersion);
  return authored ?? (cohort.trackVersion === undefined ? getBuiltInTrack(cohort.trackId) : (await tracks.get(cohort.tenantId, cohort.trackId)) ?? getBuiltInTrack(cohort.trackId));
}

/** A track as a new cohort starts on it: the latest authored version as stored now (read fresh, so the pin is exact), else the built-in track. */
export async function latestTrack(tracks: TrackRepository, tenantId: TenantId, trackId: string): Promise<Track | undefined> {
  return (await tracks.head(tenantId, trackId)) ?? getBuiltInTrack(trackId);
}

/** What a new cohort stores to stay on the version it starts on (nothing for a built-in track). */
export function pinOf(track: Track): Pick<Cohort, "trackVersion"> {
  return track.version ? { trackVersion: track.version } : {};
}
