/** The access policy table: every entry point has exactly one row, and the rows say what DESIGN.md says. */
import { ACCESS_ACTIONS, ACCESS_POLICY, actionOfCommand, actionOfVerb, adminGrantIsFresh, decideAccess, ruleOf, surfacesOf, type AccessRole } from "../../bot/src/domain/access-policy";
import { apiRoutes } from "../../bot/src/contract/api-routes";
import { BOT_COMMANDS, CARD_ACTION_SCOPES } from "../../bot/src/contract/bot-commands";

const held = (...roles: AccessRole[]) => new Set<AccessRole>(["signed-in", ...roles]);
const rowsListing = (key: "routes" | "commands" | "verbs", value: string) => ACCESS_ACTIONS.filter((a) => (ruleOf(a)[key] ?? []).includes(value));

describe("the access policy table", () => {
  it("when every API route is looked up, then each has exactly one row, and every route a row names exists", () => {
    const named = ACCESS_ACTIONS.flatMap((a) => ruleOf(a).routes ?? []);
    const served = Object.keys(apiRoutes).filter((name) => !name.startsWith("local"));
    for (const route of served) expect([route, rowsListing("routes", route).length]).toEqual([route, 1]);
    expect(named.filter((r) => !served.includes(r))).toEqual([]);
  });

  it("when every bot command and card verb is looked up, then each has exactly one row, and no row names one the bot lacks", () => {
    for (const { name } of BOT_COMMANDS) expect([name, rowsListing("commands", name).length]).toEqual([name, 1]);
    for (const verb of Object.keys(CARD_ACTION_SCOPES)) expect([verb, rowsListing("verbs", verb).length]).toEqual([verb, 1]);
    const commands = ACCESS_ACTIONS.flatMap((a) => ruleOf(a).commands ?? []);
    const verbs = ACCESS_ACTIONS.flatMap((a) => ruleOf(a).verbs ?? []);
    expect(commands.filter((c) => !BOT_COMMANDS.some((b) => b.name === c))).toEqual([]);
    expect(verbs.filter((v) => !CARD_ACTION_SCOPES[v])).toEqual([]);
  });

  it("when a command is typed, then its row is tenant-wide (a typed command names no cohort)", () => {
    for (const { name } of BOT_COMMANDS) expect([name, ruleOf(actionOfCommand(name)!).on]).toEqual([name, "tenant"]);
  });

  it("when creating a cohort, then the tab and the bot share one row: admins and facilitators of any cohort", () => {
    expect(actionOfCommand("create cohort")).toBe("cohort.create");
    expect(actionOfVerb("cohort.create")).toBe("cohort.create");
    expect(ACCESS_POLICY["cohort.create"].routes).toEqual(["createCohort"]);
    expect(surfacesOf("cohort.create")).toEqual(["tab", "bot"]);
    expect(decideAccess("cohort.create", held("admin"))).toBe("allow");
    expect(decideAccess("cohort.create", held("any-facilitator"))).toBe("allow");
    expect(decideAccess("cohort.create", held("cohort-member"))).toBe("forbidden");
    expect(decideAccess("cohort.create", held())).toBe("forbidden");
  });

  it("when someone has nothing to do with a cohort, then it does not exist for them; a member asking for staff views is forbidden", () => {
    expect(decideAccess("cohort.read", held())).toBe("not-found");
    expect(decideAccess("cohort.read", held("any-facilitator"))).toBe("not-found");
    expect(decideAccess("questions.manage", held("cohort-member"))).toBe("forbidden");
    expect(decideAccess("cohort.update", held("cohort-facilitator"))).toBe("forbidden");
    expect(decideAccess("cohort.update", held("admin"))).toBe("allow");
  });

  it("when an admin is not a member, then they cannot answer a member's cards, though they see the cohort", () => {
    expect(decideAccess("programme.respond", held("admin"))).toBe("forbidden");
    expect(decideAccess("cohort.read", held("admin"))).toBe("allow");
    expect(decideAccess("programme.respond", held("cohort-member"))).toBe("allow");
  });

  it("when only admins may do something, then facilitators are refused with the row's own words", () => {
    expect(decideAccess("policy.publish", held("any-facilitator"))).toBe("forbidden");
    expect(ruleOf("policy.publish").refusal).toMatch(/Only admins/);
  });
});

describe("admin grants seen on a tab sign-in", () => {
  const now = new Date("2026-03-02T12:00:00.000Z");
  it("when the grant was seen within the trust window, then it counts; after it, or with none, it does not", () => {
    expect(adminGrantIsFresh({ seenAt: "2026-03-02T00:00:00.000Z" }, now, 24)).toBe(true);
    expect(adminGrantIsFresh({ seenAt: "2026-03-01T11:59:00.000Z" }, now, 24)).toBe(false);
    expect(adminGrantIsFresh(undefined, now, 24)).toBe(false);
    expect(adminGrantIsFresh({ seenAt: "2026-03-02T11:00:00.000Z" }, now, 0)).toBe(false);
  });
});
