/** Between a stored track and what the editor edits (contract/track-authoring-contract.ts). */
import crypto from "node:crypto";
import type { TrackContent, TrackDetail } from "../../contract/track-authoring-contract";
import type { RoleFamily, Track, TrackSession } from "../../domain/types";

export function contentOf(track: Track): TrackContent {
  return {
    name: track.name,
    role: track.role,
    audience: track.audience,
    description: track.description,
    defaultLocalTime: track.defaultLocalTime,
    adoptionCheckWeeks: [...track.adoptionCheckWeeks],
    sessions: track.sessions.map((s) => ({
      number: s.number,
      title: s.title,
      learn: { ...s.learn, tryThis: [...s.learn.tryThis] },
      apply: { prompt: s.apply.prompt, examples: [...s.apply.examples] },
      reflectQuestions: [...s.reflectQuestions],
      links: (s.links ?? []).map((l) => ({ ...l })),
      variants: { ...(s.variants ?? {}) },
    })),
    ...(track.approvedTool ? { approvedTool: { name: track.approvedTool.name, howTo: [...track.approvedTool.howTo] } } : {}),
    seniorityRules: (track.seniorityRules ?? []).map((r) => ({ level: r.level, titleContains: [...r.titleContains] })),
  };
}

const clean = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== "" && !(Array.isArray(v) && v.length === 0))) as Partial<T>;

/** The track an edit describes; empty variant fields mean "as the session says" and are dropped. */
export function trackFromContent(id: string, content: TrackContent, meta: Pick<Track, "basedOn" | "checkInCadence" | "updatedAt" | "updatedBy" | "updatedByName">): Track {
  const sessions: TrackSession[] = content.sessions.map((s) => {
    const variants = Object.fromEntries(Object.entries(s.variants).map(([level, v]) => [level, clean(v ?? {})]).filter(([, v]) => Object.keys(v as object).length));
    return {
      number: s.number,
      title: s.title,
      learn: s.learn,
      apply: s.apply,
      reflectQuestions: s.reflectQuestions,
      ...(s.links.length ? { links: s.links } : {}),
      ...(Object.keys(variants).length ? { variants } : {}),
    };
  });
  return {
    id,
    name: content.name,
    role: content.role as RoleFamily,
    audience: content.audience,
    description: content.description,
    defaultLocalTime: content.defaultLocalTime,
    adoptionCheckWeeks: [...content.adoptionCheckWeeks].sort((a, b) => a - b),
    sessions,
    ...(content.approvedTool ? { approvedTool: content.approvedTool } : {}),
    ...(content.seniorityRules.length ? { seniorityRules: content.seniorityRules } : {}),
    ...(meta.checkInCadence ? { checkInCadence: meta.checkInCadence } : {}),
    ...(meta.basedOn ? { basedOn: meta.basedOn } : {}),
    ...(meta.updatedAt ? { updatedAt: meta.updatedAt } : {}),
    ...(meta.updatedBy ? { updatedBy: meta.updatedBy } : {}),
    ...(meta.updatedByName ? { updatedByName: meta.updatedByName } : {}),
  };
}

/** A new authored track's id: readable, and never a built-in track's (so cohorts on the built-in one are untouched). */
export function newTrackId(name: string, random: () => string = () => crypto.randomUUID()): string {
  const slug = name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "track";
  return `own-${slug}-${random().replace(/-/g, "").slice(0, 8)}`;
}

/** A blank track: one session to start from, every required field filled with a hint the admin replaces. */
export function blankContent(name: string): TrackContent {
  return {
    name,
    role: "operations",
    audience: "Describe who this track is for.",
    description: "Describe what this track covers and why.",
    defaultLocalTime: "09:30",
    adoptionCheckWeeks: [4, 8],
    sessions: [
      {
        number: 1,
        title: "Session 1",
        learn: {
          workflow: "A real workflow of the role",
          summary: "Why this workflow, and where AI creates leverage in it.",
          tryThis: ["The first step to try on your own material."],
          examplePrompt: "A prompt members can copy and adapt.",
          watchOut: "The judgement call to watch for.",
        },
        apply: { prompt: "Which real piece of work will you use AI on this week?", examples: [] },
        reflectQuestions: [],
        links: [],
        variants: {},
      },
    ],
    seniorityRules: [],
  };
}

export type { TrackDetail };
