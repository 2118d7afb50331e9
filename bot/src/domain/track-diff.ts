/**
 * What changes between two versions of a track, field by field, in words an admin can read before
 * moving a running cohort to the newer version. Pure.
 */
import { liveSessionsOf } from "./live-sessions";
import { SENIORITY_LABELS, SENIORITY_LEVELS } from "./seniority";
import type { LiveSessionDefinition, SessionVariant, Track, TrackSession } from "./types";

/** One changed field: where, and its text before and after ("" when it was not there). */
export interface TrackChange {
  where: string;
  before: string;
  after: string;
}

const list = (items: readonly string[] | undefined): string => (items ?? []).map((item, i) => `${i + 1}. ${item}`).join("\n");

const VARIANT_FIELDS: Array<[keyof SessionVariant, string]> = [
  ["summary", "summary"],
  ["tryThis", "what to try"],
  ["examplePrompt", "example prompt"],
  ["watchOut", "watch out"],
  ["applyPrompt", "apply assignment"],
];

function sessionFields(s: TrackSession | undefined): Array<[string, string]> {
  if (!s) return [];
  const fields: Array<[string, string]> = [
    ["title", s.title],
    ["workflow", s.learn.workflow],
    ["summary", s.learn.summary],
    ["what to try", list(s.learn.tryThis)],
    ["example prompt", s.learn.examplePrompt],
    ["watch out", s.learn.watchOut],
    ["apply assignment", s.apply.prompt],
    ["apply examples", list(s.apply.examples)],
    ["reflect questions", list(s.reflectQuestions)],
    ["links", (s.links ?? []).map((l) => `${l.title} (${l.url})`).join("\n")],
  ];
  for (const level of SENIORITY_LEVELS) {
    const variant = s.variants?.[level];
    for (const [key, label] of VARIANT_FIELDS) {
      const value = variant?.[key];
      fields.push([`${SENIORITY_LABELS[level]} · ${label}`, Array.isArray(value) ? list(value) : (value ?? "")]);
    }
  }
  return fields;
}

function trackFields(t: Track): Array<[string, string]> {
  return [
    ["Name", t.name],
    ["Audience", t.audience],
    ["Description", t.description],
    ["Delivery time", t.defaultLocalTime],
    ["Adoption checks", t.adoptionCheckWeeks.map((w) => `week ${w}`).join(", ")],
    ["Approved tool", t.approvedTool?.name ?? ""],
    ["Approved tool · how-to", list(t.approvedTool?.howTo)],
    ["Seniority rules", (t.seniorityRules ?? []).map((r) => `${SENIORITY_LABELS[r.level]}: ${r.titleContains.join(", ")}`).join("\n")],
  ];
}

/** When a live session is held, in words: "Week 2, after session 2's check-in closes". */
function liveSessionWhen(d: LiveSessionDefinition): string {
  return d.kind === "kickoff" ? `Week ${d.week}, on the day of session ${d.week}'s brief (kick-off)` : `Week ${d.week}, after session ${d.week}'s check-in closes (clinic)`;
}

function liveSessionFields(d: LiveSessionDefinition): Array<[string, string]> {
  return [
    ["title", d.title],
    ["when", liveSessionWhen(d)],
    ["time", d.localTime ?? "The cohort's delivery time"],
    ["length", `${d.durationMinutes} minutes`],
  ];
}

/** In one line, for a live session added or removed. */
function liveSessionLine(d: LiveSessionDefinition): string {
  return `${d.title}: ${liveSessionWhen(d)}, ${d.localTime ? `at ${d.localTime}` : "at the cohort's delivery time"}, ${d.durationMinutes} minutes`;
}

/**
 * Live sessions matched by key (the meeting a cohort holds for it): one added or removed is one
 * line; one kept shows what moved (week or kind), its time, length and title. The defaults count as
 * the track's list, so adding a session to a track on the defaults adds its clinic.
 */
function diffLiveSessions(before: Track, after: Track): TrackChange[] {
  const was = liveSessionsOf(before);
  const now = liveSessionsOf(after);
  const keys = [...new Set([...was, ...now].map((d) => d.key))];
  const changes: TrackChange[] = [];
  for (const key of keys) {
    const a = was.find((d) => d.key === key);
    const b = now.find((d) => d.key === key);
    if (!a && b) changes.push({ where: "Live sessions", before: "", after: `Added: ${liveSessionLine(b)}` });
    else if (a && !b) changes.push({ where: "Live sessions", before: liveSessionLine(a), after: "Removed" });
    else if (a && b) {
      for (const [[label, x], [, y]] of liveSessionFields(a).map((f, i) => [f, liveSessionFields(b)[i]!] as const)) {
        if (x !== y) changes.push({ where: `Live session “${b.title}” · ${label}`, before: x, after: y });
      }
    }
  }
  return changes;
}

/** Every field that differs from `before` to `after`, track-wide first, then the live sessions, then session by session. */
export function diffTracks(before: Track, after: Track): TrackChange[] {
  const changes: TrackChange[] = [];
  const compare = (where: string, a: Array<[string, string]>, b: Array<[string, string]>) => {
    const labels = [...new Set([...a.map(([l]) => l), ...b.map(([l]) => l)])];
    for (const label of labels) {
      const was = a.find(([l]) => l === label)?.[1] ?? "";
      const now = b.find(([l]) => l === label)?.[1] ?? "";
      if (was !== now) changes.push({ where: where ? `${where} · ${label}` : label, before: was, after: now });
    }
  };
  compare("", trackFields(before), trackFields(after));
  changes.push(...diffLiveSessions(before, after));
  const numbers = [...new Set([...before.sessions, ...after.sessions].map((s) => s.number))].sort((x, y) => x - y);
  for (const n of numbers) {
    const was = before.sessions.find((s) => s.number === n);
    const now = after.sessions.find((s) => s.number === n);
    if (!was && now) changes.push({ where: `Session ${n}`, before: "", after: `Added: ${now.title}` });
    else if (was && !now) changes.push({ where: `Session ${n}`, before: was.title, after: "Removed" });
    else compare(`Session ${n}`, sessionFields(was), sessionFields(now));
  }
  return changes;
}
