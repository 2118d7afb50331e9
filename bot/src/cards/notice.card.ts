/** A plain titled message: not in a cohort yet, not allowed, something went wrong. */
import type { AdaptiveCardJson } from "../domain/ports";
import { adaptiveCard, heading, paragraph } from "./card-kit";

export function buildNoticeCard(title: string, message: string, hint?: string): AdaptiveCardJson {
  return adaptiveCard([...heading(title), paragraph(message), ...(hint ? [paragraph(hint, { subtle: true })] : [])]);
}
