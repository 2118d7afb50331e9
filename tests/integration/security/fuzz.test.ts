/**
 * Throws 1,200 generated malformed activities and API bodies at the running server (seeded, so
 * repeatable) and checks that every answer is a 4xx or a harmless 200, never a 5xx or a hang, that
 * the server stays up, and that the stored data of the seeded tenant is unchanged.
 */
import { apiAs } from "../../helpers/api-client";
import { person, seedCohort } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";
import { seededRandom } from "../../../bot/src/lib/seeded-random";

const TENANT = "tenant-fuzz";
const member = person(500, "Fuzz Member");

const JUNK: unknown[] = [null, true, 0, -1, 1e308, "", " ", "x".repeat(5000), "<script>alert(1)</script>", "../../etc/passwd", "'; DROP TABLE c; --", [], [1, 2], {}, { $where: "1" }, "\u0000", "🙂".repeat(50), "2026-13-45", "NaN"];
const VERBS = ["checkin.submit", "apply.submit", "adoption.submit", "policy.acknowledge", "question.submit", "win.submit", "alert.reach-out", "next.open", "mydata.confirm-delete", "cohort.create", "checkin.refresh", "nope", ""];
const KEYS = ["cohortId", "sessionNumber", "week", "version", "draftId", "tried", "confidence", "minutesSaved", "wantsHelp", "text", "anonymous", "deliverable", "stillUsing", "frequency", "alertId", "eventKey", "userId", "tenantId", "__proto__"];

describe("the server under malformed input", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ now: "2026-03-10T12:00:00.000Z" });
    await seedCohort(server.repos, { tenantId: TENANT, members: [member, person(501, "Other")], facilitators: [person(502, "Fac")], serviceUrl: server.connector.serviceUrl });
  });
  afterAll(() => server.close());

  async function snapshot() {
    const r = server.repos;
    return JSON.stringify([await r.cohorts.list(TENANT), await r.memberships.listByCohort(TENANT, "finance-test"), await r.loop.listCohortRecords(TENANT, "finance-test"), await r.questions.listByCohort(TENANT, "finance-test"), await r.policies.list(TENANT)]);
  }

  it("when 1,200 malformed requests arrive, then each gets a 4xx (or a harmless 200), none a 5xx, and no data changes", async () => {
    const random = seededRandom(20260302);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const junkObject = () => Object.fromEntries(Array.from({ length: 1 + Math.floor(random() * 6) }, () => [pick(KEYS), pick(JUNK)]));
    const before = await snapshot();
    const api = await apiAs(server, { tenantId: TENANT, userId: member.aadObjectId, displayName: member.name });
    const statuses = new Map<number, number>();
    const failures: string[] = [];

    const activity = (i: number): unknown => {
      const base = {
        type: pick(["message", "invoke", "conversationUpdate", "installationUpdate", "typing", "event", 7]),
        id: `fuzz-${i}`,
        channelId: pick(["msteams", "msteams", "", "webchat"]),
        serviceUrl: pick([server.connector.serviceUrl, server.connector.serviceUrl, "not a url", ""]),
        from: pick([{ id: member.id, aadObjectId: member.aadObjectId, name: member.name }, { id: "29:x" }, { id: member.id, aadObjectId: pick(JUNK) }, undefined]),
        recipient: { id: "28:bot" },
        conversation: pick([{ id: member.conversationId, tenantId: pick([TENANT, "tenant-other", pick(JUNK)]) }, { id: "" }, undefined, "nope"]),
        channelData: pick([{ tenant: { id: TENANT } }, { tenant: pick(JUNK) }, pick(JUNK)]),
        text: pick(["help", "checkin", pick(JUNK)]),
        name: pick(["adaptiveCard/action", "adaptiveCard/action", "task/fetch", pick(JUNK)]),
        value: pick([{ action: { type: "Action.Execute", verb: pick(VERBS), data: junkObject() } }, { action: { type: pick(JUNK), verb: pick(JUNK) } }, pick(JUNK)]),
      };
      return random() < 0.05 ? pick(JUNK) : base;
    };

    const apiCall = async () => {
      const routes = [["POST", "/api/cohorts"], ["PUT", "/api/cohorts/finance-test"], ["POST", "/api/policy"], ["POST", "/api/cohorts/finance-test/questions/question:finance-test:x/answer"], ["POST", "/api/local/sign-in"], ["GET", `/api/cohorts/${encodeURIComponent(String(pick(JUNK)))}/progress`]] as const;
      const [method, path] = pick(routes);
      if (method === "GET") return api.get(path);
      const body = random() < 0.2 ? String(pick(JUNK)) : JSON.stringify(random() < 0.5 ? junkObject() : pick(JUNK));
      return api.send(method, path, undefined, body, pick(["application/json", "application/json", "text/plain"]));
    };

    for (let i = 0; i < 1200; i++) {
      const isActivity = i % 2 === 0;
      const controller = AbortSignal.timeout(10_000);
      let status: number;
      if (isActivity) {
        const body = random() < 0.03 ? "{broken" : JSON.stringify(activity(i));
        status = (await fetch(`${server.baseUrl}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body, signal: controller })).status;
      } else {
        status = (await apiCall()).status;
      }
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500) failures.push(`request ${i} answered ${status}`);
    }

    expect(failures).toEqual([]);
    expect([...statuses.keys()].every((s) => (s >= 200 && s < 300) || (s >= 400 && s < 500))).toBe(true);
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
    expect(await snapshot()).toBe(before);
  }, 120_000);
});
