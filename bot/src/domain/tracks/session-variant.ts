/**
 * A member's own version of a session: the seniority variant the track defines for their level
 * (from the admin's choice, else their job title by the track's rules) laid over the session.
 * Pure; anything the variant leaves out stays the session's own.
 */
import { DEFAULT_SENIORITY_RULES, seniorityOf, type SeniorityLevel } from "../seniority";
import type { Membership, Track, TrackSession } from "../types";

export function applyVariant(session: TrackSession, level: SeniorityLevel | undefined): TrackSession {
  const variant = level ? session.variants?.[level] : undefined;
  if (!variant) return session;
  return {
    ...session,
    learn: {
      ...session.learn,
      ...(variant.summary ? { summary: variant.summary } : {}),
      ...(variant.tryThis?.length ? { tryThis: variant.tryThis } : {}),
      ...(variant.examplePrompt ? { examplePrompt: variant.examplePrompt } : {}),
      ...(variant.watchOut ? { watchOut: variant.watchOut } : {}),
    },
    apply: { ...session.apply, ...(variant.applyPrompt ? { prompt: variant.applyPrompt } : {}) },
  };
}

/** The level a member's cards are written for on this track. */
export function memberLevel(track: Pick<Track, "seniorityRules">, member: Pick<Membership, "jobTitle" | "seniority">): SeniorityLevel {
  return seniorityOf(member, track.seniorityRules?.length ? track.seniorityRules : DEFAULT_SENIORITY_RULES);
}

/** The track as one member sees it: every session with the variant for their level, when there is one. */
export function trackForMember(track: Track, member: Pick<Membership, "jobTitle" | "seniority">): Track {
  if (!track.sessions.some((s) => s.variants && Object.keys(s.variants).length)) return track;
  const level = memberLevel(track, member);
  return { ...track, sessions: track.sessions.map((s) => applyVariant(s, level)) };
}

/** What an authored track adds to a session's brief for this member: its links, the approved tool, and which variant they read. */
export function briefExtras(track: Track, session: TrackSession, member: Pick<Membership, "jobTitle" | "seniority">): { links?: TrackSession["links"]; approvedTool?: Track["approvedTool"]; variant?: SeniorityLevel } {
  const level = session.variants && Object.keys(session.variants).length ? memberLevel(track, member) : undefined;
  return {
    ...(session.links?.length ? { links: session.links } : {}),
    ...(track.approvedTool ? { approvedTool: track.approvedTool } : {}),
    ...(level && session.variants?.[level] ? { variant: level } : {}),
  };
}
