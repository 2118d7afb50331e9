/** Answers to `adaptiveCard/action` invokes, as Teams' Universal Actions expect them. */
import type { AdaptiveCardInvokeResponse } from "botbuilder";
import type { AdaptiveCardJson } from "../domain/ports";

export function cardResponse(card: AdaptiveCardJson): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: card };
}

export function errorResponse(statusCode: 400 | 401 | 403 | 404 | 409 | 412 | 413, code: string, message: string): AdaptiveCardInvokeResponse {
  return { statusCode, type: "application/vnd.microsoft.error", value: { code, message } as never };
}
