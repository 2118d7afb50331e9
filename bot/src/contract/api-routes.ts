/**
 * Every route of the tab's API, in one table: the server registers each handler under `path`
 * (restify's pattern) and the tab builds its URLs with `url(...)`, so the two cannot drift apart.
 * A test compares this table with what the running server has registered, both ways.
 *
 * Imported at run time by the tab, so it stays free of anything but plain TypeScript.
 * `/api/messages` (the Bot Framework endpoint) is not the tab's API and is not listed.
 */

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

/** The `:name` placeholders of a restify path, as a union of names. */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

type Query = Record<string, string | number | undefined>;

export interface ApiRoute<P extends string> {
  method: HttpMethod;
  /** The pattern the server registers, e.g. `/api/cohorts/:cohortId/timeline`. */
  path: P;
  /** The URL to call: each parameter encoded into its segment, then the query (empty values left out). */
  url: [PathParams<P>] extends [never] ? (query?: Query) => string : (params: Record<PathParams<P>, string>, query?: Query) => string;
}

function route<P extends string>(method: HttpMethod, path: P): ApiRoute<P> {
  const build = (params: Record<string, string>, query?: Query): string => {
    const filled = path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
      const value = params[name];
      if (value === undefined) throw new Error(`${path} needs ${name}`);
      return encodeURIComponent(value);
    });
    const pairs = Object.entries(query ?? {}).filter(([, value]) => value !== undefined && value !== "");
    const text = pairs.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`).join("&");
    return text ? `${filled}?${text}` : filled;
  };
  const hasParams = path.includes(":");
  const url = (hasParams ? build : (query?: Query) => build({}, query)) as ApiRoute<P>["url"];
  return { method, path, url };
}

export const apiRoutes = {
  // Local mode only: the demo sign-in (never registered in production).
  localPersonas: route("GET", "/api/local/personas"),
  localSignIn: route("POST", "/api/local/sign-in"),

  me: route("GET", "/api/me"),
  tracks: route("GET", "/api/tracks"),
  /** Track authoring (admins; contract/track-authoring-contract.ts). */
  trackDetail: route("GET", "/api/tracks/:trackId"),
  createTrack: route("POST", "/api/tracks"),
  saveTrack: route("PUT", "/api/tracks/:trackId"),
  previewTrack: route("POST", "/api/tracks/:trackId/preview"),
  myData: route("GET", "/api/my/data"),
  deleteMyData: route("DELETE", "/api/my/data"),
  /** `?search=` text: up to 20 people the tenant already knows (admins and facilitators only). */
  people: route("GET", "/api/people"),
  /** People at scale (admins and facilitators): a CSV file's people checked before they join the form, nothing saved. */
  peopleImportPreview: route("POST", "/api/people/import-preview"),
  /** The teams the app is installed in, and one team's members, to add to the cohort form in one click. */
  peopleImportTeams: route("GET", "/api/people/teams"),
  peopleTeamMembers: route("POST", "/api/people/team-members"),

  cohorts: route("GET", "/api/cohorts"),
  createCohort: route("POST", "/api/cohorts"),
  cohort: route("GET", "/api/cohorts/:cohortId"),
  updateCohort: route("PUT", "/api/cohorts/:cohortId"),
  timeline: route("GET", "/api/cohorts/:cohortId/timeline"),
  progress: route("GET", "/api/cohorts/:cohortId/progress"),
  deliveries: route("GET", "/api/cohorts/:cohortId/deliveries"),
  /** The signed-in member's own history in the cohort: briefs, commitments, check-ins, wins. */
  myHistory: route("GET", "/api/cohorts/:cohortId/my-history"),
  metricsCsv: route("GET", "/api/cohorts/:cohortId/metrics.csv"),
  /** Admins: rebuild the cohort's kept figures from its raw records and say whether they matched. */
  recomputeFigures: route("POST", "/api/cohorts/:cohortId/figures/recompute"),
  /** What moving the cohort to its track's latest version changes, and the move itself (admins). */
  trackMove: route("GET", "/api/cohorts/:cohortId/track-move"),
  moveTrack: route("POST", "/api/cohorts/:cohortId/track-move"),
  leadership: route("GET", "/api/leadership"),
  /** The organisation report: `?cohortId=&trackId=&hoursPerFtePerWeek=&costPerHour=&currency=` (contract/impact-report-contract.ts). */
  impactReport: route("GET", "/api/report"),
  impactReportCsv: route("GET", "/api/report.csv"),
  /** Measured Copilot usage for the tenant: its switch and state (admins; usecases/usage). */
  measuredUsage: route("GET", "/api/measured-usage"),
  saveMeasuredUsage: route("PUT", "/api/measured-usage"),
  /** A leader (member of a leadership cohort) shares an experiment with the team cohorts that follow it. */
  shareExperiment: route("POST", "/api/cohorts/:cohortId/experiments"),
  /** The leadership cohort's note that opens its following team cohorts' first session (its leaders read and write it). */
  leaderNote: route("GET", "/api/cohorts/:cohortId/leader-note"),
  saveLeaderNote: route("PUT", "/api/cohorts/:cohortId/leader-note"),
  /** A team cohort's staff see its leaders' note before session 1, and hold it back or let it go. */
  leaderNoteReview: route("GET", "/api/cohorts/:cohortId/leader-note/review"),
  holdLeaderNote: route("PUT", "/api/cohorts/:cohortId/leader-note/review"),

  /** A facilitator closes a help request once the member is unblocked ("Mark resolved"). */
  resolveAlert: route("POST", "/api/cohorts/:cohortId/alerts/:alertId/resolve"),

  /** "Before session n+1": `?session=n` (default: the latest session whose check-in has opened). */
  digest: route("GET", "/api/cohorts/:cohortId/digest"),
  publishDigest: route("POST", "/api/cohorts/:cohortId/digest/:sessionNumber/publish"),

  /** Live sessions (staff): the cohort's Teams meetings with attendance and catch-up (contract/live-sessions-contract.ts). */
  liveSessions: route("GET", "/api/cohorts/:cohortId/live-sessions"),
  saveLiveSessionNotes: route("PUT", "/api/cohorts/:cohortId/live-sessions/:sessionKey/notes"),
  /** The facilitator's run-sheet for one live session: `?session=<key>`. */
  runSheet: route("GET", "/api/cohorts/:cohortId/run-sheet"),
  /** Practice pods (staff): the cohort's pods with message counts only, and splitting the cohort into pods. */
  pods: route("GET", "/api/cohorts/:cohortId/pods"),
  savePods: route("PUT", "/api/cohorts/:cohortId/pods"),

  questions: route("GET", "/api/cohorts/:cohortId/questions"),
  answerQuestion: route("POST", "/api/cohorts/:cohortId/questions/:questionId/answer"),

  /** `?cursor=` from the previous page's `nextCursor`. */
  wins: route("GET", "/api/cohorts/:cohortId/wins"),
  /** Admins: the team channels where the app is installed, to choose a cohort's wins channel from. */
  winsChannels: route("GET", "/api/wins-channels"),

  /** The organisation's working days and holidays, which cohorts follow unless they set their own. */
  tenantCalendar: route("GET", "/api/calendar"),
  saveTenantCalendar: route("PUT", "/api/calendar"),

  policy: route("GET", "/api/policy"),
  publishPolicy: route("POST", "/api/policy"),
  policyPreview: route("POST", "/api/policy/preview"),
  policyVersions: route("GET", "/api/policy/versions"),
  policyAcknowledgements: route("GET", "/api/policy/acknowledgements"),
} as const;

export type ApiRouteName = keyof typeof apiRoutes;
