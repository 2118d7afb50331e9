/**
 * The bot's text commands. Plain data (no botbuilder import) so the manifest test can check that
 * every command listed in appPackage/manifest.json is handled, and the help card can list them.
 */
export type BotScope = "personal" | "team" | "groupChat";

export interface BotCommand {
  name: string;
  /** Shown in Teams' command menu; at most 128 characters. */
  description: string;
  /** Where the command may run; elsewhere it is answered with a pointer to the 1:1 chat. */
  scopes: BotScope[];
  /** Who the command is for; members by default. Facilitator commands are shown to facilitators (and admins). */
  audience?: "member" | "facilitator" | "everyone";
}

export const BOT_COMMANDS: readonly BotCommand[] = [
  { name: "help", description: "What Cohort Coach does and what you can ask it", scopes: ["personal", "team", "groupChat"], audience: "everyone" },
  { name: "next", description: "What is due for you next in your programme", scopes: ["personal"] },
  { name: "checkin", description: "Open this week's check-in", scopes: ["personal"] },
  { name: "briefs", description: "Read again the session briefs you have been sent", scopes: ["personal"] },
  { name: "progress", description: "Your streak, minutes saved and wins so far", scopes: ["personal"] },
  { name: "policy", description: "Read and acknowledge the AI-use policy", scopes: ["personal"], audience: "everyone" },
  { name: "ask", description: "Ask the facilitators a question, anonymously if you like", scopes: ["personal"] },
  { name: "win", description: "Share something AI helped you do", scopes: ["personal"] },
  { name: "my data", description: "See or delete your own reflections", scopes: ["personal"] },
  { name: "my cohorts", description: "Facilitators: your cohorts, their week, members and latest check-in response rate", scopes: ["personal"], audience: "facilitator" },
  { name: "who needs help", description: "Facilitators: members who asked for help or are stuck, with what they wrote", scopes: ["personal"], audience: "facilitator" },
  { name: "questions", description: "Facilitators: open questions from your cohorts, waiting for an answer", scopes: ["personal"], audience: "facilitator" },
  { name: "create cohort", description: "Create a cohort from this team's members (admins and facilitators)", scopes: ["team"], audience: "facilitator" },
];

/** The commands one kind of person is offered in a scope (the help card, the welcome card). */
export function commandsFor(scope: BotScope, who: { member: boolean; facilitator: boolean }): BotCommand[] {
  return BOT_COMMANDS.filter((c) => c.scopes.includes(scope)).filter((c) => {
    const audience = c.audience ?? "member";
    if (audience === "everyone") return true;
    if (audience === "facilitator") return who.facilitator;
    return who.member || !who.facilitator;
  });
}

/**
 * Where each card action (`Action.Execute` verb) may run. Every verb that carries or reveals one
 * person's data (their answers, commitments, questions, reflections, a facilitator alert about a
 * member) is personal only; an invoke from a channel or group chat is refused with a pointer to the
 * 1:1 chat, before its handler runs. `teams/card-actions.ts` refuses to load a verb missing here.
 */
export const CARD_ACTION_SCOPES: Readonly<Record<string, readonly BotScope[]>> = {
  "policy.acknowledge": ["personal"],
  "adoption.submit": ["personal"],
  "apply.submit": ["personal"],
  "apply.edit": ["personal"],
  "checkin.submit": ["personal"],
  "checkin.refresh": ["personal"],
  "question.submit": ["personal"],
  "question.check": ["personal"],
  "win.submit": ["personal"],
  "experiment.open": ["personal"],
  "experiment.submit": ["personal"],
  "alert.reach-out": ["personal"],
  "alert.resolve": ["personal"],
  "digest.publish": ["personal"],
  "next.open": ["personal"],
  "brief.show": ["personal"],
  "mydata.ask-delete": ["personal"],
  "mydata.confirm-delete": ["personal"],
  "pause.start": ["personal"],
  "pause.end": ["personal"],
  "history.show": ["personal"],
  "cohort.create": ["team"],
};
