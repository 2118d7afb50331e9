/**
 * Teams' own "open a chat", when the tab runs inside Teams. `teams.ts` registers it once teams-js
 * is initialised; components ask here, so they never import teams-js themselves (outside Teams a
 * deep link opens the chat instead).
 */
export interface TeamsChatOpener {
  /** Whether this Teams client offers `chat.openChat`. */
  isSupported(): boolean;
  /** Opens a 1:1 chat with `user` (UPN or Entra object id); false if the host refused. */
  open(user: string): Promise<boolean>;
}

let registered: TeamsChatOpener | undefined;

export function registerTeamsChatOpener(opener: TeamsChatOpener | undefined): void {
  registered = opener;
}

/** The Teams chat opener if there is one and this client supports it. */
export function teamsChatOpener(): TeamsChatOpener | undefined {
  try {
    return registered?.isSupported() ? registered : undefined;
  } catch {
    return undefined;
  }
}
