/**
 * Answers to `adaptiveCard/action` invokes, as Teams' Universal Actions expect them: the card that
 * replaces the clicked one, or a 4xx error. Application errors become a notice card the member can
 * read; nobody ever sees an internal message.
 */
import type { AdaptiveCardInvokeResponse, InvokeResponse } from "botbuilder";
import { buildNoticeCard } from "../cards/notice.card";
import type { AppError, ErrorCode } from "../domain/errors";
import type { AdaptiveCardJson } from "../domain/ports";

export function cardResponse(card: AdaptiveCardJson): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: card };
}

export function errorResponse(statusCode: 400 | 401 | 403 | 404, code: string, message: string): AdaptiveCardInvokeResponse {
  // The SDK types `value` as a card; Teams reads `{ code, message }` for the error content type.
  return { statusCode, type: "application/vnd.microsoft.error", value: { code, message } as never };
}

/** An invoke answered before the Universal Actions handler runs (not an adaptiveCard/action, no verb). */
export function invokeError(statusCode: 400 | 401, code: string, message: string): InvokeResponse {
  return { status: statusCode, body: errorResponse(statusCode, code, message) };
}

const TITLES: Partial<Record<ErrorCode, string>> = {
  "RESOURCE.NOT_FOUND": "Not found",
  "AUTH.FORBIDDEN": "Not allowed",
  "CONCURRENCY.CONFLICT": "Something changed",
  "VALIDATION.INVALID_INPUT": "Please check that",
};

/** The card a person sees for an application error (its message is written to be shown). */
export function noticeForError(err: AppError): AdaptiveCardJson {
  return buildNoticeCard(TITLES[err.code] ?? "Sorry", err.message);
}

export function somethingWentWrongCard(): AdaptiveCardJson {
  return buildNoticeCard("Sorry, something went wrong", "I could not do that just now. Please try again in a minute.");
}
