/** The first thing a member sees: the programme in two sentences and their next step. */
import type { AdaptiveCardJson } from "../domain/ports";
import { adaptiveCard, heading, openUrl, paragraph, section } from "./card-kit";

export interface WelcomeCardData {
  name: string;
  cohortName?: string;
  nextStep: string;
  tabUrl: string;
}

export function buildWelcomeCard(data: WelcomeCardData): AdaptiveCardJson {
  return adaptiveCard(
    [
      ...heading(`Welcome${data.name ? `, ${data.name.split(" ")[0]!.slice(0, 60)}` : ""}!`, data.cohortName ? `You are in ${data.cohortName}` : undefined, { plainTitle: true }),
      paragraph(
        "Cohort Coach helps you make AI part of your real work over a few weeks: each week a short brief on a workflow from your role, a real piece of work to try it on, and a quick check-in on how it went. Questions are welcome any time, anonymously if you prefer.",
      ),
      section("Your next step", [paragraph(data.nextStep)], "emphasis"),
      paragraph("Type **help** to see everything I can do.", { subtle: true }),
    ],
    [openUrl("Open my programme", data.tabUrl)],
  );
}
