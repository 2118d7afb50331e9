/** Learn: the week's session brief, tied to a real workflow of the member's role. */
import type { AdaptiveCardJson } from "../domain/ports";
import type { LearnBrief } from "../domain/types";
import { adaptiveCard, heading, numberedList, openUrl, paragraph, section } from "./card-kit";

export interface SessionBriefCardData {
  cohortName: string;
  sessionNumber: number;
  sessionTitle: string;
  learn: LearnBrief;
  tabUrl: string;
}

export function buildSessionBriefCard(data: SessionBriefCardData): AdaptiveCardJson {
  return adaptiveCard(
    [
      ...heading(`Session ${data.sessionNumber}: ${data.sessionTitle}`, `${data.cohortName} · ${data.learn.workflow}`),
      paragraph(data.learn.summary),
      section("Try this", [numberedList(data.learn.tryThis)]),
      section("A prompt to adapt", [{ type: "TextBlock", text: data.learn.examplePrompt, wrap: true, fontType: "Monospace" }], "emphasis"),
      section("Watch out", [paragraph(data.learn.watchOut)], "attention"),
      paragraph("Your first attempt will not be perfect, and that is the point. Next: choose the real piece of work you will try it on.", { subtle: true }),
    ],
    [openUrl("Open my programme", data.tabUrl)],
  );
}
