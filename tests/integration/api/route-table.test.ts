/**
 * One route table (contract/api-routes.ts): the running server registers exactly the routes it
 * lists, with the same methods, and the tab names no API path of its own.
 */
import fs from "node:fs";
import path from "node:path";
import restify from "restify";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import { startTestServer, type TestServer } from "../../helpers/test-server";

/** The Bot Framework endpoint shares the /api prefix but is the bot's, not the tab's API. */
const BOT_ENDPOINT = "POST /api/messages";

describe("the API route table", () => {
  let server: TestServer;
  let registered: string[];

  beforeAll(async () => {
    const createServer = restify.createServer.bind(restify);
    const created: restify.Server[] = [];
    const spy = jest.spyOn(restify, "createServer").mockImplementation((options) => {
      const made = createServer(options);
      created.push(made);
      return made;
    });
    server = await startTestServer();
    spy.mockRestore();
    const routes = Object.values(created[0]!.router.getRoutes()) as Array<{ method: string; path: string }>;
    registered = routes.filter((r) => r.path.startsWith("/api/")).map((r) => `${r.method} ${r.path}`);
  });
  afterAll(() => server?.close());

  it("when the server starts, then every /api route it registers is in the table, and every route in the table is registered", () => {
    const table = Object.values(apiRoutes).map((r) => `${r.method} ${r.path}`);
    expect([...registered].filter((r) => r !== BOT_ENDPOINT).sort()).toEqual([...table].sort());
    expect(registered).toContain(BOT_ENDPOINT);
  });

  it("when a URL is built, then each parameter is encoded into its own segment and empty query values are left out", () => {
    expect(apiRoutes.answerQuestion.url({ cohortId: "a/b", questionId: "q?1" })).toBe("/api/cohorts/a%2Fb/questions/q%3F1/answer");
    expect(apiRoutes.people.url({ search: "megan bowen" })).toBe("/api/people?search=megan%20bowen");
    expect(apiRoutes.wins.url({ cohortId: "fin" }, { cursor: undefined })).toBe("/api/cohorts/fin/wins");
    expect(apiRoutes.me.url()).toBe("/api/me");
  });

  it("when the tab's source is read, then no /api/ path is written anywhere but the table", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.(ts|tsx)$/.test(entry.name) && fs.readFileSync(full, "utf8").includes("/api/")) offenders.push(path.relative(process.cwd(), full));
      }
    };
    walk(path.resolve(__dirname, "../../../tab/src"));
    expect(offenders).toEqual([]);
  });
});
