/**
 * The tab's only contact with Teams: initialise teams-js, follow the theme, and get the user's SSO
 * token. Outside Teams (a plain browser in local mode) `initialise` resolves to `false`.
 */
import { app, authentication, chat, pages, people } from "@microsoft/teams-js";
import { registerTeamsChatOpener } from "./components/teams-chat";
import { registerTeamsPeoplePicker } from "./components/teams-people";

export type TeamsTheme = "default" | "dark" | "contrast";

let inTeams = false;

export async function initialiseTeams(onTheme: (theme: TeamsTheme) => void): Promise<boolean> {
  if (window.parent === window) return false; // not framed: certainly not in Teams
  try {
    await Promise.race([app.initialize(), new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 3000))]);
    const context = await app.getContext();
    onTheme((context.app.theme as TeamsTheme) ?? "default");
    app.registerOnThemeChangeHandler((theme) => onTheme(theme as TeamsTheme));
    app.notifySuccess();
    inTeams = true;
    registerTeamsPeoplePicker({ isSupported: canPickPeopleInTeams, pick: pickPeopleInTeams });
    registerTeamsChatOpener({ isSupported: () => chat.isSupported(), open: openChatInTeams });
    return true;
  } catch {
    return false;
  }
}

export function isInTeams(): boolean {
  return inTeams;
}

/** A fresh Teams SSO token (teams-js caches it until it nears expiry). */
export function getTeamsToken(): Promise<string> {
  return authentication.getAuthToken();
}

/** The settings a channel tab is saved with (pages.config.setConfig). */
export interface TabConfig {
  contentUrl: string;
  websiteUrl: string;
  entityId: string;
  suggestedDisplayName: string;
}

/**
 * On the configuration page: enables Teams' Save button once `config` is known (disables it while
 * it is undefined), and saves `config` when the user presses Save.
 */
export function offerTabConfig(config: TabConfig | undefined): void {
  if (!inTeams || !pages.config.isSupported()) return;
  pages.config.setValidityState(!!config);
  if (!config) return;
  pages.config.registerOnSaveHandler((saveEvent) => {
    pages.config.setConfig(config).then(
      () => saveEvent.notifySuccess(),
      (err: unknown) => saveEvent.notifyFailure(err instanceof Error ? err.message : "Could not save the tab."),
    );
  });
}

/** A person chosen in Teams' own people picker. */
export interface TeamsPickedPerson {
  userId: string;
  displayName: string;
}

/** Whether Teams' own people picker can be used here (inside Teams, on a client that has it). */
export function canPickPeopleInTeams(): boolean {
  if (!inTeams) return false;
  try {
    return people.isSupported();
  } catch {
    return false;
  }
}

/**
 * Opens Teams' people picker (`people.selectPeople`), with `selected` (object ids) ticked. What
 * comes back are Entra object ids, which is what a cohort stores.
 */
export async function pickPeopleInTeams(title: string, selected: string[]): Promise<TeamsPickedPerson[]> {
  const picked = await people.selectPeople({ title, setSelected: selected, openOrgWideSearchInChatOrChannel: true, singleSelect: false });
  return picked.filter((p) => !!p.objectId).map((p) => ({ userId: p.objectId, displayName: p.displayName || p.email || p.objectId }));
}

/** Opens a 1:1 Teams chat with `user` (UPN or Entra object id) through the host; false if it refused. */
async function openChatInTeams(user: string): Promise<boolean> {
  try {
    await chat.openChat({ user });
    return true;
  } catch {
    return false;
  }
}
