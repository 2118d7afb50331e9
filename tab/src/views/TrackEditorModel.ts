/**
 * The track editor's pure parts: field paths as the server names them, which server messages
 * belong to which control, and the checks the tab makes before sending (required text, https links).
 */
import { DEFAULT_LIVE_SESSION_MINUTES, defaultLiveSessions, liveSessionFieldIssues, type LiveSessionDefinition, type SessionVariant, type TrackContent, type TrackContentSession } from "../../../bot/src/contract/track-authoring-contract";
import type { ApiError } from "../api";

export type Issue = { field: string; message: string };

/**
 * The server may name a field under the request's `content` (PUT body) or bare, and a live session's
 * as the domain does (`liveSessions[0].week`): all land on the same control (`liveSessions.0.week`).
 */
const bare = (field: string) => field.replace(/^content\./, "").replace(/\[(\d+)\]/g, ".$1");

/** Messages about `path` or anything under it (`sessions.0.links` gathers `sessions.0.links.1.url`). */
export function messagesAt(issues: Issue[], path: string): string | undefined {
  const found = issues.filter((i) => {
    const f = bare(i.field);
    return f === path || f.startsWith(`${path}.`);
  });
  return found.length ? found.map((i) => i.message).join(" ") : undefined;
}

/** Every path a control in the editor shows messages for; anything else goes in the banner. */
const SHOWN = /^(name|audience|description|defaultLocalTime|approvedTool|seniorityRules|liveSessions|sessions\.\d+\.(title|learn\.(workflow|summary|tryThis|examplePrompt|watchOut)|apply\.(prompt|examples)|reflectQuestions|links|variants))(\.|$)/;

export function bannerIssues(issues: Issue[]): Issue[] {
  return issues.filter((i) => !SHOWN.test(bare(i.field)));
}

/** Sessions (0-based) some message is about, so their panels open. */
export function sessionsWithIssues(issues: Issue[]): Set<number> {
  const found = new Set<number>();
  for (const i of issues) {
    const m = /^sessions\.(\d+)\./.exec(bare(i.field));
    if (m) found.add(Number(m[1]));
  }
  return found;
}

export const issuesOf = (error: ApiError | undefined): Issue[] => error?.issues ?? [];

export function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return url.protocol === "https:" && !!url.hostname;
  } catch {
    return false;
  }
}

/** The checks the tab can make itself; the server checks everything again (lengths, counts, card size). */
export function clientIssues(content: TrackContent): Issue[] {
  const issues: Issue[] = [];
  const required = (value: string | undefined, field: string, what: string) => {
    if (!value?.trim()) issues.push({ field, message: `${what} is required.` });
  };
  required(content.name, "name", "The track's name");
  required(content.audience, "audience", "Who it is for");
  required(content.description, "description", "The description");
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(content.defaultLocalTime)) issues.push({ field: "defaultLocalTime", message: "The default time must be a time like 09:30." });
  if (content.approvedTool && (content.approvedTool.name.trim() || content.approvedTool.howTo.some((s) => s.trim()))) {
    required(content.approvedTool.name, "approvedTool.name", "The tool's name");
  }
  if (content.sessions.length === 0) issues.push({ field: "sessions", message: "A track needs at least one session." });
  content.sessions.forEach((s, i) => {
    const at = `sessions.${i}`;
    const n = `Session ${i + 1}`;
    required(s.title, `${at}.title`, `${n}: the title`);
    required(s.learn.workflow, `${at}.learn.workflow`, `${n}: the workflow`);
    required(s.learn.summary, `${at}.learn.summary`, `${n}: the summary`);
    if (!s.learn.tryThis.some((t) => t.trim())) issues.push({ field: `${at}.learn.tryThis`, message: `${n}: add at least one "try this" step.` });
    required(s.learn.examplePrompt, `${at}.learn.examplePrompt`, `${n}: the example prompt`);
    required(s.apply.prompt, `${at}.apply.prompt`, `${n}: the apply prompt`);
    s.links.forEach((link, j) => {
      if (!link.title.trim()) issues.push({ field: `${at}.links.${j}.title`, message: `${n}, link ${j + 1}: the title is required.` });
      if (!isHttpsUrl(link.url)) issues.push({ field: `${at}.links.${j}.url`, message: `${n}, link ${j + 1}: the address must start with https://.` });
    });
  });
  // The same rule the server applies (liveSessionIssues): a week the track has no session for shows on its row before sending.
  if (content.liveSessions) issues.push(...liveSessionFieldIssues(cleanLiveSessions(content.liveSessions), content));
  return issues;
}

/**
 * What goes to the server: list entries left empty are dropped (an empty "try this" row is a row
 * not filled in yet, not content), and an approved tool with no name is left out.
 */
export function cleanContent(content: TrackContent): TrackContent {
  const list = (items: string[]) => items.map((s) => s.trim()).filter(Boolean);
  const variant = (v: SessionVariant): SessionVariant | undefined => {
    const out: SessionVariant = {};
    if (v.summary?.trim()) out.summary = v.summary;
    if (v.tryThis && list(v.tryThis).length) out.tryThis = list(v.tryThis);
    if (v.examplePrompt?.trim()) out.examplePrompt = v.examplePrompt;
    if (v.watchOut?.trim()) out.watchOut = v.watchOut;
    if (v.applyPrompt?.trim()) out.applyPrompt = v.applyPrompt;
    return Object.keys(out).length ? out : undefined;
  };
  const { approvedTool, liveSessions, ...rest } = content;
  return {
    ...rest,
    ...(liveSessions ? { liveSessions: cleanLiveSessions(liveSessions) } : {}),
    ...(approvedTool?.name.trim() ? { approvedTool: { name: approvedTool.name, howTo: list(approvedTool.howTo) } } : {}),
    seniorityRules: content.seniorityRules.map((r) => ({ ...r, titleContains: list(r.titleContains) })).filter((r) => r.titleContains.length),
    sessions: content.sessions.map((s, i) => ({
      ...s,
      number: i + 1,
      learn: { ...s.learn, tryThis: list(s.learn.tryThis) },
      apply: { ...s.apply, examples: list(s.apply.examples) },
      reflectQuestions: list(s.reflectQuestions),
      links: s.links.filter((l) => l.title.trim() || l.url.trim()),
      variants: Object.fromEntries(Object.entries(s.variants).flatMap(([level, v]) => {
        const kept = v ? variant(v) : undefined;
        return kept ? [[level, kept]] : [];
      })),
    })),
  };
}

/** Titles trimmed, and a time left empty left out (the cohort's delivery time). */
export function cleanLiveSessions(list: LiveSessionDefinition[]): LiveSessionDefinition[] {
  return list.map(({ localTime, ...d }) => ({ ...d, title: d.title.trim(), ...(localTime?.trim() ? { localTime: localTime.trim() } : {}) }));
}

/** The live sessions the editor shows: the track's own list, or the defaults for its sessions as they are now. */
export function liveSessionRows(content: TrackContent): { rows: LiveSessionDefinition[]; defaults: boolean } {
  return content.liveSessions ? { rows: content.liveSessions, defaults: false } : { rows: defaultLiveSessions(content), defaults: true };
}

/**
 * A key for a new live session: stable once given (a clinic moved to another week keeps its meeting),
 * unique in the track, readable ("clinic.s3", "kickoff-2").
 */
export function newLiveSessionKey(kind: LiveSessionDefinition["kind"], week: number, taken: readonly LiveSessionDefinition[]): string {
  const base = kind === "kickoff" ? "kickoff" : `clinic.s${week}`;
  const keys = new Set(taken.map((d) => d.key));
  if (!keys.has(base)) return base;
  let n = 2;
  while (keys.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/** A new clinic after the last session, 45 minutes at the cohort's time. */
export function newLiveSession(content: TrackContent, taken: readonly LiveSessionDefinition[]): LiveSessionDefinition {
  const week = content.sessions.length || 1;
  return { key: newLiveSessionKey("clinic", week, taken), kind: "clinic", week, title: `Clinic after session ${week}`, durationMinutes: DEFAULT_LIVE_SESSION_MINUTES };
}

export function blankSession(number: number): TrackContentSession {
  return {
    number,
    title: "",
    learn: { workflow: "", summary: "", tryThis: [""], examplePrompt: "", watchOut: "" },
    apply: { prompt: "", examples: [] },
    reflectQuestions: [],
    links: [],
    variants: {},
  };
}

/** Moves entry `from` to `to` in a copy of `items`. */
export function moved<T>(items: T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length) return items;
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}
