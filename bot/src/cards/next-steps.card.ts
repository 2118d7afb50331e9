/** "What's due for me": unanswered items first, each with a button that opens its card. */
import type { AdaptiveCardJson } from "../domain/ports";
import type { TimelineEvent } from "../domain/types";
import { adaptiveCard, execute, heading, paragraph, successBanner } from "./card-kit";

export const NEXT_VERBS = { open: "next.open" } as const;

export interface NextStepsCardData {
  cohortId: string;
  cohortName: string;
  due: TimelineEvent[];
  upcoming?: TimelineEvent;
  titleOf(event: TimelineEvent): string;
}

export function buildNextStepsCard(data: NextStepsCardData): AdaptiveCardJson {
  const upcoming = data.upcoming ? [paragraph(`Next up: **${data.titleOf(data.upcoming)}** on ${data.upcoming.localDate} at ${data.upcoming.localTime}.`, { subtle: true })] : [];
  const actions = data.due.slice(0, 5).map((event) =>
    execute(data.titleOf(event), NEXT_VERBS.open, { cohortId: data.cohortId, eventKey: event.key }),
  );
  return adaptiveCard(
    [...heading("What's next for you", data.cohortName), ...(data.due.length ? [paragraph("Waiting for you:")] : [successBanner("You're all caught up.")]), ...upcoming, paragraph("Only what is open this week is listed: earlier weeks don't need catching up.", { subtle: true })],
    actions,
  );
}
