import type { TurnContext } from "botbuilder";

/** Where a turn happens, in the manifest's terms: a 1:1 chat, a team channel or a group chat. */
export type Scope = "personal" | "team" | "groupChat";

export function scopeOf(turn: TurnContext): Scope {
  const type = turn.activity.conversation?.conversationType;
  return type === "channel" ? "team" : type === "groupChat" ? "groupChat" : "personal";
}
