/** Said in a channel or group chat when someone asks for something that belongs in their 1:1 chat. */
import type { AdaptiveCardJson } from "../domain/ports";
import { adaptiveCard, heading, openUrl, paragraph } from "./card-kit";

export function buildPersonalChatOnlyCard(options: { chatUrl?: string } = {}): AdaptiveCardJson {
  return adaptiveCard(
    [
      ...heading("Let's take this to our 1:1 chat"),
      paragraph("Your programme, answers and questions are yours, so I only show them in your 1:1 chat with me, never here."),
      ...(options.chatUrl ? [] : [paragraph("Open a chat with Cohort Coach and try again there.", { subtle: true })]),
    ],
    options.chatUrl ? [openUrl("Open my chat with Cohort Coach", options.chatUrl)] : [],
  );
}
