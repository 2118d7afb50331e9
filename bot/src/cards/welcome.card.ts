/** The first thing a member sees: the programme in two sentences and their next step. */
import type { AdaptiveCardJson } from "../domain/ports";
import { adaptiveCard, heading, openUrl, paragraph, section } from "./card-kit";
import { commandButton } from "./help.card";

export interface WelcomeCardData {
  name: string;
  cohortName?: string;
  nextStep: string;
  tabUrl: string;
  /** Facilitates cohorts (and is perhaps in none as a member): the card speaks to them as a facilitator. */
  facilitator?: boolean;
}

export function buildWelcomeCard(data: WelcomeCardData): AdaptiveCardJson {
  return adaptiveCard(
    [
      ...heading(`Welcome${data.name ? `, ${data.name.split(" ")[0]!.slice(0, 60)}` : ""}!`, data.cohortName ? `You are in ${data.cohortName}` : undefined, { plainTitle: true }),
      paragraph(
        data.facilitator && !data.cohortName
          ? "Cohort Coach runs your cohorts' programmes: each week members get a short brief, commit to a real piece of work and check in on how it went. Here you see who needs help and which questions are waiting; the tab has the full picture."
          : "Cohort Coach helps you make AI part of your real work over a few weeks: each week a short brief on a workflow from your role, a real piece of work to try it on, and a quick check-in on how it went. Questions are welcome any time, anonymously if you prefer.",
      ),
      section("Your next step", [paragraph(data.nextStep)], "emphasis"),
      paragraph("Type **help** to see everything I can do.", { subtle: true }),
    ],
    [...(data.facilitator ? [commandButton("who needs help", "Who needs help"), commandButton("questions", "Open questions")] : []), openUrl(data.facilitator && !data.cohortName ? "Open the cohorts" : "Open my programme", data.tabUrl)],
  );
}
