/**
 * The one access policy: for every action the tab or the bot offers, who may do it and where it is
 * offered. Routes, text commands and card actions are listed against their action, so the tab and
 * the bot answer the same question with the same row; `usecases/access.ts` works out the actor's
 * roles and applies it, and the access-matrix test drives every row on every surface.
 *
 * Roles are relative to the resource: on a cohort, an actor can be its facilitator or member; on
 * the tenant, "any-facilitator" is someone who facilitates at least one cohort, and "any-leader" a
 * member of at least one leadership cohort.
 */

export const ACCESS_ROLES = ["admin", "cohort-facilitator", "cohort-member", "any-facilitator", "any-leader", "signed-in"] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

export type Surface = "tab" | "bot";

export interface AccessRule {
  /** A cohort action names its cohort (route parameter or card data); a tenant action does not. */
  on: "tenant" | "cohort";
  allowed: readonly AccessRole[];
  /** The tab's API routes for this action, by their name in contract/api-routes.ts. */
  routes?: readonly string[];
  /** The bot's text commands for this action. */
  commands?: readonly string[];
  /** The bot's Action.Execute verbs for this action. */
  verbs?: readonly string[];
  /** What a refused person is told: plain words, safe to show. */
  refusal: string;
  /**
   * What someone with nothing to do with the cohort (or an id that does not exist) is told; the
   * same words either way, so existence never leaks. Default: "Not found."
   */
  notFound?: string;
}

const STAFF_OF_COHORT = ["admin", "cohort-facilitator"] as const;
const STAFF = ["admin", "any-facilitator"] as const;

/**
 * Creating a cohort: admins and anyone who already facilitates one, in the tab and in a team
 * channel alike (DESIGN.md gives the admin the tab's cohort form; the bot's `create cohort` has
 * always offered it to facilitators too). A facilitator must facilitate what they create
 * (`usecases/cohorts/create-cohort.ts`), so the rule cannot be used to run someone else's cohort.
 */
export const ACCESS_POLICY = {
  "profile.read": { on: "tenant", allowed: ["signed-in"], routes: ["me"], commands: ["help"], refusal: "Sign in to continue." },
  "tracks.list": { on: "tenant", allowed: ["signed-in"], routes: ["tracks"], refusal: "Sign in to continue." },
  "cohorts.list": { on: "tenant", allowed: ["signed-in"], routes: ["cohorts"], refusal: "Sign in to continue." },
  "leadership.read": { on: "tenant", allowed: ["signed-in"], routes: ["leadership"], refusal: "Sign in to continue." },
  "policy.read": { on: "tenant", allowed: ["signed-in"], routes: ["policy", "policyVersions"], commands: ["policy"], refusal: "Sign in to continue." },
  "policy.acknowledge": { on: "tenant", allowed: ["signed-in"], verbs: ["policy.acknowledge"], refusal: "Sign in to continue." },
  "own-data.read": { on: "tenant", allowed: ["signed-in"], routes: ["myData"], commands: ["my data"], refusal: "Sign in to continue." },
  "own-data.delete": { on: "tenant", allowed: ["signed-in"], routes: ["deleteMyData"], refusal: "Sign in to continue." },
  "own-programme.use": { on: "tenant", allowed: ["signed-in"], commands: ["next", "checkin", "briefs", "progress", "ask", "win"], refusal: "Sign in to continue." },

  "cohort.create": { on: "tenant", allowed: STAFF, routes: ["createCohort"], commands: ["create cohort"], verbs: ["cohort.create"], refusal: "Only admins and facilitators can create cohorts. Ask your L&D team to set one up." },
  "people.search": { on: "tenant", allowed: STAFF, routes: ["people"], refusal: "Only admins and facilitators can look people up." },
  "people.import": { on: "tenant", allowed: STAFF, routes: ["peopleImportPreview", "peopleImportTeams", "peopleTeamMembers"], refusal: "Only admins and facilitators can import people into a cohort." },
  "policy.acknowledgements": { on: "tenant", allowed: STAFF, routes: ["policyAcknowledgements"], refusal: "Only admins and facilitators can see who acknowledged the policy." },
  "facilitator-desk.read": { on: "tenant", allowed: STAFF, commands: ["my cohorts", "who needs help", "questions"], refusal: "This is for facilitators, and you don't facilitate a cohort. Type **help** to see what you can do." },
  "wins-channels.list": { on: "tenant", allowed: ["admin"], routes: ["winsChannels"], refusal: "Only admins can choose a cohort's wins channel." },
  /** The organisation report: the use case narrows it to the caller's cohorts (usecases/dashboard/impact-report.ts). */
  "report.read": { on: "tenant", allowed: ["admin", "any-facilitator", "any-leader"], routes: ["impactReport", "impactReportCsv"], refusal: "The organisation report is for admins, facilitators and leaders." },
  "calendar.read": { on: "tenant", allowed: STAFF, routes: ["tenantCalendar"], refusal: "Only admins and facilitators can see the organisation's calendar." },
  "calendar.manage": { on: "tenant", allowed: ["admin"], routes: ["saveTenantCalendar"], refusal: "Only admins can change the organisation's working days and holidays." },
  /** Track authoring: facilitators may read a track in full (to see what their cohort will get); only admins write. */
  "tracks.read": { on: "tenant", allowed: STAFF, routes: ["trackDetail"], refusal: "Only admins and facilitators can open a track in full." },
  "tracks.author": { on: "tenant", allowed: ["admin"], routes: ["createTrack", "saveTrack", "previewTrack"], refusal: "Only admins can create and edit tracks." },
  "policy.publish": { on: "tenant", allowed: ["admin"], routes: ["publishPolicy", "policyPreview"], refusal: "Only admins can publish the AI-use policy." },
  /** Measured Copilot usage: reading Graph for the tenant is the tenant admin's decision (usecases/usage). */
  "measured-usage.manage": { on: "tenant", allowed: ["admin"], routes: ["measuredUsage", "saveMeasuredUsage"], refusal: "Only admins can turn measured Copilot usage on or off." },

  "cohort.read": { on: "cohort", allowed: ["admin", "cohort-facilitator", "cohort-member"], routes: ["cohort", "timeline", "progress"], refusal: "You are not part of this cohort." },
  "cohort.update": { on: "cohort", allowed: ["admin"], routes: ["updateCohort"], refusal: "Only admins can change a cohort." },
  "cohort.figures.recompute": { on: "cohort", allowed: ["admin"], routes: ["recomputeFigures"], refusal: "Only admins can recompute a cohort's figures." },
  "cohort.track-move": { on: "cohort", allowed: ["admin"], routes: ["trackMove", "moveTrack"], refusal: "Only admins can move a cohort to another version of its track." },
  "cohort.monitor": { on: "cohort", allowed: STAFF_OF_COHORT, routes: ["deliveries", "metricsCsv"], refusal: "Only this cohort's facilitators and admins can see that." },
  "questions.manage": { on: "cohort", allowed: STAFF_OF_COHORT, routes: ["questions", "answerQuestion"], refusal: "Only this cohort's facilitators and admins can see and answer its questions." },
  "digest.manage": { on: "cohort", allowed: STAFF_OF_COHORT, routes: ["digest", "publishDigest"], verbs: ["digest.publish"], refusal: "Only this cohort's facilitators and admins can prepare the next session." },
  /** Practice pods: who is in which pod and how active their chats are (counts only); splitting the cohort. */
  "pods.manage": { on: "cohort", allowed: STAFF_OF_COHORT, routes: ["pods", "savePods"], refusal: "Only this cohort's facilitators and admins can see and split its practice pods." },
  /** The facilitator's run-sheet for a live session: names of who is stuck and who missed it, so staff only. */
  "run-sheet.read": { on: "cohort", allowed: STAFF_OF_COHORT, routes: ["runSheet"], refusal: "Only this cohort's facilitators and admins can open its run-sheet." },
  /** Live sessions (issue 19): attendance, notes and the catch-up to those who missed one. */
  "live-sessions.manage": { on: "cohort", allowed: STAFF_OF_COHORT, routes: ["liveSessions", "saveLiveSessionNotes"], refusal: "Only this cohort's facilitators and admins can see who came to its live sessions and write their notes." },
  "wins.read": { on: "cohort", allowed: STAFF_OF_COHORT, routes: ["wins"], refusal: "Only this cohort's facilitators and admins can see all its wins." },
  "alert.take": { on: "cohort", allowed: STAFF_OF_COHORT, routes: ["resolveAlert"], verbs: ["alert.reach-out", "alert.resolve"], refusal: "Only this cohort's facilitators can take an alert." },
  "own-history.read": {
    on: "cohort",
    allowed: ["cohort-member"],
    routes: ["myHistory"],
    verbs: ["history.show"],
    refusal: "This shows your own programme, and you are not a member of this cohort.",
    notFound: "You are not in that cohort. Type **progress** to see your own programme.",
  },
  /** A leader's experiment, for their teams: the use case refuses a cohort that is not a leadership cohort. */
  "experiment.share": {
    on: "cohort",
    allowed: ["cohort-member"],
    routes: ["shareExperiment"],
    verbs: ["experiment.open", "experiment.submit"],
    refusal: "Only this leadership cohort's members can share an experiment with its teams.",
    notFound: "You are not in that cohort. Type **win** to share something AI helped you do.",
  },
  /** A leader's note for the first session of the team cohorts that follow: the use case refuses a cohort that is not a leadership cohort. */
  "leader-note.write": { on: "cohort", allowed: ["cohort-member"], routes: ["leaderNote", "saveLeaderNote"], refusal: "Only this leadership cohort's members can write its note to their teams." },
  /** A team cohort's staff see the leaders' note before it opens session 1, and may hold it back. */
  "leader-note.review": { on: "cohort", allowed: STAFF_OF_COHORT, routes: ["leaderNoteReview", "holdLeaderNote"], refusal: "Only this cohort's facilitators and admins can review the leaders' note." },
  "programme.respond": {
    on: "cohort",
    allowed: ["cohort-member"],
    verbs: ["adoption.submit", "apply.submit", "apply.edit", "checkin.submit", "checkin.refresh", "question.submit", "question.check", "win.submit", "next.open", "brief.show", "mydata.ask-delete", "mydata.confirm-delete", "pause.start", "pause.end"],
    refusal: "Only this cohort's members can answer its cards.",
    notFound: "You are not in that cohort. Type **next** to see what is open for you, or ask your facilitator to add you.",
  },
} as const satisfies Record<string, AccessRule>;

export type AccessAction = keyof typeof ACCESS_POLICY;
export type TenantAction = { [A in AccessAction]: (typeof ACCESS_POLICY)[A]["on"] extends "tenant" ? A : never }[AccessAction];
export type CohortAction = { [A in AccessAction]: (typeof ACCESS_POLICY)[A]["on"] extends "cohort" ? A : never }[AccessAction];

export const ACCESS_ACTIONS = Object.keys(ACCESS_POLICY) as AccessAction[];

export function ruleOf(action: AccessAction): AccessRule {
  return ACCESS_POLICY[action];
}

export function surfacesOf(action: AccessAction): Surface[] {
  const rule = ruleOf(action);
  return [...(rule.routes?.length ? (["tab"] as const) : []), ...(rule.commands?.length || rule.verbs?.length ? (["bot"] as const) : [])];
}

export type AccessDecision = "allow" | "forbidden" | "not-found";

/**
 * Allowed when the actor holds one of the action's roles. Otherwise a cohort the actor has nothing
 * to do with (not its admin, facilitator or member) does not exist for them; anything else is forbidden.
 */
export function decideAccess(action: AccessAction, held: ReadonlySet<AccessRole>): AccessDecision {
  const rule = ruleOf(action);
  if (rule.allowed.some((role) => held.has(role))) return "allow";
  if (rule.on === "cohort" && !held.has("admin") && !held.has("cohort-facilitator") && !held.has("cohort-member")) return "not-found";
  return "forbidden";
}

function findBy(key: "routes" | "commands" | "verbs", value: string): AccessAction | undefined {
  return ACCESS_ACTIONS.find((action) => (ruleOf(action)[key] ?? []).includes(value));
}

export const actionOfRoute = (route: string) => findBy("routes", route);
export const actionOfCommand = (command: string) => findBy("commands", command);
export const actionOfVerb = (verb: string) => findBy("verbs", verb);

/**
 * The bot only sees a user's object id, never their roles: a grant the tab saw on a verified token
 * counts in the bot for `trustHours` after it was last seen (a role removed in Entra ID stops
 * counting then at the latest, or as soon as the tab sees a token without it).
 */
export function adminGrantIsFresh(grant: { seenAt: string } | undefined, now: Date, trustHours: number): boolean {
  if (!grant) return false;
  const age = now.getTime() - new Date(grant.seenAt).getTime();
  return Number.isFinite(age) && age >= -60_000 && age <= trustHours * 3_600_000;
}
