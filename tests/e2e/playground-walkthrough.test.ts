/**
 * The README's "The bot, in the Microsoft 365 Agents Playground" walkthrough, followed step by step
 * as written: the real service with the demo tenant seeded as `npm start` seeds it, `npm run
 * playground` started headless against it, and every message and button press sent through the
 * Playground's own HTTP API (what its web page does), reading the bot's replies from its message
 * stream. Run at three moments of the demo's week, since the demo is relative to today.
 */
import { APPLY_VERBS } from "../../bot/src/cards/apply.card";
import { CHECKIN_VERBS } from "../../bot/src/cards/checkin.card";
import { MY_DATA_VERBS } from "../../bot/src/cards/my-data.card";
import { POLICY_VERBS } from "../../bot/src/cards/policy.card";
import { QUESTION_VERBS } from "../../bot/src/cards/question.card";
import { WIN_VERBS } from "../../bot/src/cards/win.card";
import { DEMO_PERSONAS, DEMO_TENANT_ID } from "../../bot/src/demo/personas";
import { cardText, imBackButtons } from "../helpers/bot-driver";
import { cardOf, executeTitles, startPlayground, type Playground, type PlaygroundMessage } from "../helpers/agents-playground";
import { startTestServer, type TestServer } from "../helpers/test-server";

const ALEX = DEMO_PERSONAS.find((p) => p.id === "employee")!.userId;
const FINANCE = "finance-spring";
const DELIVERABLE = "November variance commentary for the board pack";

/** London is on UTC in early March: these are local times too. */
const MOMENTS = [
  ["on Monday before that week's session goes out", "2026-03-02T08:00:00.000Z"],
  ["on Tuesday, with this week's check-in open", "2026-03-03T12:00:00.000Z"],
  ["on Friday, after this week's check-in closed", "2026-03-06T15:00:00.000Z"],
] as const;

describe.each(MOMENTS)("the Agents Playground walkthrough in the README, %s", (_moment, now) => {
  let server: TestServer;
  let playground: Playground;

  beforeAll(async () => {
    server = await startTestServer({ seed: true, now });
    playground = await startPlayground(Number(new URL(server.baseUrl).port));
  }, 60_000);
  afterAll(async () => {
    await playground?.close();
    await server?.close();
  });

  const text = (message: PlaygroundMessage) => cardText(cardOf(message));

  it("when Alex follows the README's steps in the Playground, then each step does what the README says", async () => {
    const chat = playground.chat;

    // 1. Opening the chat installs the app: a welcome card, the programme in two sentences and the next step.
    const welcome = text(await chat.install());
    expect(welcome).toContain("Welcome");
    expect(welcome).toContain("Finance: reporting and planning");
    expect(welcome).toMatch(/Your next step\n.*Acknowledge the AI-use policy/);

    // 2. `policy` shows the AI-use policy; "I have read and will follow this policy" records it.
    const policy = await chat.say("policy");
    expect(text(policy)).toContain("Using AI at work");
    expect(executeTitles(cardOf(policy))).toContain("I have read and will follow this policy");
    const acknowledged = await chat.press(policy, POLICY_VERBS.acknowledge);
    expect(cardText(acknowledged.value)).toContain("Thanks, you have acknowledged version 1");
    expect(await server.repos.policies.hasAcknowledged(DEMO_TENANT_ID, 1, ALEX)).toBe(true);
    expect(executeTitles(cardOf(await chat.say("policy")))).not.toContain("I have read and will follow this policy");

    // 3. `next` shows this week's brief and what is waiting, each with a button that opens its card: the apply card.
    const withBrief = await chat.say("next");
    const briefTitle = executeTitles(cardOf(withBrief)).find((t) => t.startsWith("Read this week's brief: Session"));
    expect(briefTitle).toBeDefined();
    const thisWeek = await chat.press(withBrief, briefTitle!);
    expect(cardText(thisWeek.value)).toMatch(/Try this[\s\S]*A prompt to adapt[\s\S]*Watch out/);
    // Opening a step turns that card into the step (Universal Actions); `next` again lists the rest.
    const next = await chat.say("next");
    const waiting = executeTitles(cardOf(next));
    const applyTitle = waiting.find((t) => t.startsWith("Commit to a real piece of work"));
    expect(applyTitle).toBeDefined();
    expect(waiting).not.toContain("Acknowledge the AI-use policy");
    const session = Number(/session (\d+)/.exec(applyTitle!)![1]);
    const applyCard = await chat.press(next, applyTitle!);
    expect(cardText(applyCard.value)).toContain("Apply it to real work");
    expect(cardText(applyCard.value)).toContain("This week I will use AI on…");
    const committed = await chat.press(next, APPLY_VERBS.submit, { deliverable: DELIVERABLE });
    expect(cardText(committed.value)).toContain("Committed");
    expect((await server.repos.loop.getCommitment(DEMO_TENANT_ID, FINANCE, session, ALEX))?.deliverable).toBe(DELIVERABLE);

    // 4. `checkin` opens the check-in on that session, quoting the commitment back, with every question.
    const checkin = await chat.say("checkin");
    const asked = text(checkin);
    expect(asked).toContain(`Check-in on session ${session}`);
    expect(asked).toContain(`You planned to use AI on ${DELIVERABLE}. How did it go?`);
    for (const question of ["What did you try?", "What worked?", "Where did you get stuck?", "what got in the way", "minutes did it save you", "How confident", "1 – not at all", "5 – very confident", "I'd like help from a facilitator", "May your facilitators quote"]) {
      expect(asked).toContain(question);
    }
    const sent = await chat.press(checkin, CHECKIN_VERBS.submit, {
      tried: "Drafted the commentary from the ledger export",
      worked: "The structure",
      stuck: "Reconciling the accruals",
      blockers: "trusting-output",
      reflect1: "I always had to fix the accruals paragraph",
      minutesSaved: "40",
      confidence: "4",
      wantsHelp: "true",
      quoteConsent: "anonymous",
    });
    expect(sent.type).toBe("application/vnd.microsoft.card.adaptive");
    expect((await server.repos.loop.getCheckIn(DEMO_TENANT_ID, FINANCE, session, ALEX))?.wantsHelp).toBe(true);
    const alerts = await server.repos.alerts.listByMember(DEMO_TENANT_ID, FINANCE, ALEX);
    expect(alerts.some((a) => a.reason === "asked-for-help" && a.sessionNumber === session)).toBe(true);

    // 5. `ask`, anonymously: a private code on the asker's card only.
    const ask = await chat.say("ask");
    expect(text(ask)).toContain("Ask anonymously");
    const askedAnonymously = await chat.press(ask, QUESTION_VERBS.submit, { text: "Can I paste supplier names into the assistant?", anonymous: "true" });
    expect(cardText(askedAnonymously.value)).toContain("Your private code");

    // `win` records a win (the demo cohorts have no wins channel, so there is nothing to share it to).
    const win = await chat.say("win");
    expect(text(win)).toContain("Share a win");
    const shared = await chat.press(win, WIN_VERBS.submit, { text: "Cleared the query inbox in half the time", minutesSaved: "30" });
    expect(shared.type).toBe("application/vnd.microsoft.card.adaptive");
    expect((await server.repos.wins.listByCohort(DEMO_TENANT_ID, FINANCE)).some((w) => w.userId === ALEX && w.text === "Cleared the query inbox in half the time")).toBe(true);

    // `progress`: streak and minutes saved.
    const progress = text(await chat.say("progress"));
    expect(progress).toContain("Check-in streak");
    expect(progress).toContain("Minutes saved");

    // `briefs` reopens any brief sent so far: the finance workflow, what to try, a prompt, what to watch out for.
    const briefs = await chat.say("briefs");
    expect(executeTitles(cardOf(briefs))).toEqual(expect.arrayContaining(["Open session 1", `Open session ${session}`]));
    const brief = cardText((await chat.press(briefs, `Open session ${session}`)).value);
    for (const part of ["Try this", "A prompt to adapt", "Watch out"]) expect(brief).toContain(part);

    // `my data` shows Alex's own reflections, and the words quoted in the facilitator alert, with a way to delete them.
    const myData = await chat.say("my data");
    expect(text(myData)).toContain(DELIVERABLE);
    expect(text(myData)).toContain("Drafted the commentary from the ledger export");
    expect(text(myData)).toMatch(/notes? to your facilitators quoting your check-in/);
    expect(executeTitles(cardOf(myData))).toContain("Delete my reflections…");
    expect(cardText((await chat.press(myData, MY_DATA_VERBS.askDelete)).value)).toContain("Yes, delete my reflections");

    // `help` lists all of this, with buttons.
    const help = cardOf(await chat.say("help"));
    for (const command of ["next", "checkin", "briefs", "progress", "policy", "ask", "win", "my data"]) expect(cardText(help)).toContain(command);
    expect(imBackButtons(help).length).toBeGreaterThan(0);
  }, 60_000);
});
