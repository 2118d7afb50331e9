/**
 * Teams' own people picker, when the tab runs inside Teams. `teams.ts` registers it once teams-js
 * is initialised; components ask here, so they never import teams-js themselves (and stay usable,
 * and testable, outside Teams).
 */
export interface TeamsPeoplePicker {
  /** Whether this Teams client offers `people.selectPeople`. */
  isSupported(): boolean;
  /** Opens the picker with `selected` (object ids) ticked; resolves to the whole selection. */
  pick(title: string, selected: string[]): Promise<Array<{ userId: string; displayName: string }>>;
}

let registered: TeamsPeoplePicker | undefined;

export function registerTeamsPeoplePicker(picker: TeamsPeoplePicker | undefined): void {
  registered = picker;
}

/** The Teams picker if there is one and this client supports it; otherwise undefined (use search). */
export function teamsPeoplePicker(): TeamsPeoplePicker | undefined {
  try {
    return registered?.isSupported() ? registered : undefined;
  } catch {
    return undefined;
  }
}
