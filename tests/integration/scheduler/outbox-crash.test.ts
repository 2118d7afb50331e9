/**
 * Every proactive message survives a crash and goes out exactly once: the real service as a child
 * process, driven like Teams drives it (activities on /api/messages) and like the tab does (its
 * API). The Bot Connector stand-in refuses the facilitator alert, the answer to a question and
 * the win post; the service is killed with SIGKILL and started again on the same data; the
 * stand-in accepts; each message arrives exactly once. The stand-in is the only thing not real.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CHECKIN_VERBS } from "../../../bot/src/cards/checkin.card";
import { QUESTION_VERBS } from "../../../bot/src/cards/question.card";
import { WIN_VERBS } from "../../../bot/src/cards/win.card";
import { DEMO_PERSONAS, DEMO_TENANT_ID } from "../../../bot/src/demo/personas";
import { cardText, type InvokeResult } from "../../helpers/bot-driver";
import { startBotConnectorStub, type BotConnectorStub, type RecordedActivity } from "../../helpers/bot-connector-stub";
import { pollUntil, signIn, spawnService, type ServiceProcess } from "../../helpers/service-process";
import { invokeActivity, membersAddedActivity, type ActivityBase, type TeamsUser } from "../../helpers/teams-activities";

jest.setTimeout(90_000);

const persona = (id: string) => DEMO_PERSONAS.find((p) => p.id === id)!;
const user = (id: string): TeamsUser => ({ id: `29:${persona(id).userId}`, aadObjectId: persona(id).userId, name: persona(id).displayName });
const alex = user("employee");
const megan = user("facilitator");
const adele = user("admin");
const TEAM = { id: "19:crash-team@thread.tacv2", name: "Finance" };
const CHANNEL = { id: "19:crash-team@thread.tacv2", name: "General" };

describe("proactive messages through the outbox survive a crash and arrive exactly once", () => {
  let connector: BotConnectorStub;
  let dataDir: string;
  let service: ServiceProcess | undefined;

  beforeAll(async () => {
    connector = await startBotConnectorStub();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cohort-outbox-"));
  });
  afterAll(async () => {
    if (service && service.child.exitCode === null) service.child.kill("SIGKILL");
    await connector.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const base = (who: TeamsUser, extra: Partial<ActivityBase> = {}): ActivityBase => ({ serviceUrl: connector.serviceUrl, tenantId: DEMO_TENANT_ID, user: who, ...extra });
  const post = async (url: string, activity: unknown): Promise<InvokeResult> => {
    const res = await fetch(`${url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : {} };
  };
  const api = async (url: string, token: string, method: string, route: string, body?: unknown) => {
    const res = await fetch(`${url}${route}`, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, ...(body ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${route}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  /** Cards that reached `conversationId` whose text matches `pattern`, accepted by the stand-in. */
  const received = (conversationId: string, pattern: RegExp): RecordedActivity[] =>
    connector.activities.filter((a) => a.operation !== "update" && a.conversationId === conversationId && pattern.test(JSON.stringify(a.activity.attachments ?? a.activity.text ?? "")));

  const start = async (env: Record<string, string>): Promise<string> => {
    service = spawnService({ dataDir, env: { SCHEDULER_CLAIM_SECONDS: "2", SCHEDULER_SEND_LEASE_SECONDS: "2", ...env } });
    return service.ready;
  };
  const kill9 = async (): Promise<void> => {
    service!.child.kill("SIGKILL");
    expect((await service!.exited).signal).toBe("SIGKILL");
  };

  it("when Teams refuses an alert, an answer and a win post and the service is killed, then after a restart each arrives exactly once", async () => {
    let url = await start({ SCHEDULER_ENABLED: "false" });

    // Everyone installed the app (their 1:1 chats are known), and it is in the team whose channel the cohort posts to.
    for (const who of [alex, megan, adele]) expect((await post(url, membersAddedActivity(base(who)))).status).toBe(200);
    expect((await post(url, membersAddedActivity(base(adele, { conversationType: "channel", conversationId: CHANNEL.id, team: TEAM, channel: CHANNEL })))).status).toBe(200);

    const admin = await signIn(url, "admin");
    const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
    const created = await api(url, admin, "POST", "/api/cohorts", {
      name: "Crash cohort",
      kind: "team",
      trackId: "finance",
      startDate: weekAgo,
      alreadyRunning: true,
      timeZone: "Europe/London",
      facilitatorIds: [megan.aadObjectId],
      members: [{ userId: alex.aadObjectId, displayName: alex.name }],
      winsChannel: { teamId: TEAM.id, channelId: CHANNEL.id },
    });
    const cohortId = String(created.cohort?.id ?? created.id);

    // From here on, Teams refuses every message (500): nothing can go out.
    connector.setFaults({ rate500: 1 });

    // Alex asks for help, asks a named question and shares a win: each is stored before the card is answered.
    const help = await post(url, invokeActivity({ ...base(alex), verb: CHECKIN_VERBS.submit, data: { cohortId, sessionNumber: 1, tried: "Variance notes", worked: "", stuck: "It invented a number", minutesSaved: "5", confidence: "2", wantsHelp: "true" } }));
    expect(help.status).toBe(200);
    expect(cardText(help.body.value)).toMatch(/facilitator will get in touch/i);
    const asked = await post(url, invokeActivity({ ...base(alex), verb: QUESTION_VERBS.submit, data: { cohortId, draftId: "draft-question-1", text: "Can I paste ledger exports into Copilot?", anonymous: "false" } }));
    expect(asked.status).toBe(200);
    const shared = await post(url, invokeActivity({ ...base(alex), verb: WIN_VERBS.submit, data: { cohortId, draftId: "draft-win-0001", text: "Month-end commentary drafted in ten minutes", minutesSaved: "40", share: "true" } }));
    expect(shared.status).toBe(200);

    const facilitator = await signIn(url, "facilitator");
    const [question] = (await api(url, facilitator, "GET", `/api/cohorts/${cohortId}/questions`)) as Array<{ id: string; etag: string }>;
    await api(url, facilitator, "POST", `/api/cohorts/${cohortId}/questions/${question!.id}/answer`, { answer: "Not raw exports: summarise them first.", etag: question!.etag });

    // The alert, the answer and the win post have each been tried and refused at least once.
    const refused = (conversationId: string) => connector.refusalsByConversation.get(conversationId) ?? 0;
    await pollUntil(() => refused(`a:1on1-${megan.id}`) > 0 && refused(`a:1on1-${alex.id}`) > 0 && refused(CHANNEL.id) > 0, 20_000, "the alert, the answer and the win post refused").catch((e) => { throw new Error(`${e}\n${JSON.stringify([...connector.refusalsByConversation])}\n${service!.output().slice(-3000)}`); });
    await kill9();
    expect(received(`a:1on1-${megan.id}`, /asked for help/)).toHaveLength(0);

    // Teams accepts again; a restarted service (its scheduler on) sends what was left, once.
    connector.setFaults({});
    url = await start({ SCHEDULER_ENABLED: "true", SCHEDULER_TICK_SECONDS: "1" });
    const alertTo = `a:1on1-${megan.id}`;
    const answerTo = `a:1on1-${alex.id}`;
    await pollUntil(
      () => received(alertTo, /asked for help/).length > 0 && received(answerTo, /summarise them first/).length > 0 && received(CHANNEL.id, /Month-end commentary/).length > 0,
      30_000,
      "the alert, the answer and the win post after the restart",
    ).catch(async (e) => {
      const fac2 = await signIn(url, "facilitator");
      const status = await api(url, fac2, "GET", `/api/cohorts/${cohortId}/deliveries`);
      throw new Error(`${e}\n${JSON.stringify(status)}\n${JSON.stringify(connector.stats)}\n${JSON.stringify(connector.activities.slice(-6).map((a) => [a.conversationId, JSON.stringify(a.activity).slice(0, 200)]))}\n${service!.output().slice(-4000)}`);
    });
    // Two more ticks: nothing is sent a second time.
    await service!.waitFor(/scheduler tick/, 10_000).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 2500));
    expect(received(alertTo, /asked for help/)).toHaveLength(1);
    expect(received(answerTo, /summarise them first/)).toHaveLength(1);
    expect(received(CHANNEL.id, /Month-end commentary/)).toHaveLength(1);
    await kill9();
  });
});
