/**
 * The bot's text commands. Plain data (no botbuilder import) so the manifest test can check that
 * every command listed in appPackage/manifest.json is handled, and the help card can list them.
 */
export interface BotCommand {
  name: string;
  /** Shown in Teams' command menu; at most 128 characters. */
  description: string;
  scopes: Array<"personal" | "team" | "groupChat">;
}

export const BOT_COMMANDS: readonly BotCommand[] = [
  { name: "help", description: "What Cohort Coach does and what you can ask it", scopes: ["personal", "team", "groupChat"] },
  { name: "next", description: "What is due for you next in your programme", scopes: ["personal"] },
  { name: "checkin", description: "Open this week's check-in", scopes: ["personal"] },
  { name: "progress", description: "Your streak, minutes saved and wins so far", scopes: ["personal"] },
  { name: "policy", description: "Read and acknowledge the AI-use policy", scopes: ["personal"] },
  { name: "ask", description: "Ask the facilitators a question, anonymously if you like", scopes: ["personal"] },
  { name: "win", description: "Share something AI helped you do", scopes: ["personal"] },
  { name: "my data", description: "See or delete your own reflections", scopes: ["personal"] },
  { name: "create cohort", description: "Create a cohort from this team's members (admins and facilitators)", scopes: ["team"] },
];
