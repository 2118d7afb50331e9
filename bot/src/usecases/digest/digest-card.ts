/** The digest as a card in the facilitator's chat, and publishing from it. */
import type { AppContext } from "../../app-context";
import { buildDigestCard, type DigestCardData, type DigestSubmission } from "../../cards/digest.card";
import { AppError, ValidationError } from "../../domain/errors";
import type { AdaptiveCardJson } from "../../domain/ports";
import type { Actor, Cohort } from "../../domain/types";
import { authorizeCohort } from "../access";
import { tabUrl } from "../member/event-cards";
import { digestState, publishDigest, toResponse } from "./session-digest";

/** The card for `sessionNumber`'s digest, as it stands now. */
export async function digestCard(ctx: AppContext, cohort: Cohort, sessionNumber: number): Promise<AdaptiveCardJson> {
  return buildDigestCard(await cardData(ctx, cohort, sessionNumber));
}

/** "Publish" on the card: the card comes back published, or with the problem and what was typed. */
export async function publishFromCard(ctx: AppContext, actor: Actor, submission: DigestSubmission): Promise<AdaptiveCardJson> {
  const { cohort } = await authorizeCohort(ctx, actor, "digest.manage", submission.cohortId);
  try {
    await publishDigest(ctx, actor, cohort.id, submission.sessionNumber, { note: submission.note, featured: submission.featured, ...(submission.etag ? { etag: submission.etag } : {}) });
    return buildDigestCard(await cardData(ctx, cohort, submission.sessionNumber));
  } catch (err) {
    if (!(err instanceof AppError) || err.code === "AUTH.FORBIDDEN" || err.code === "RESOURCE.NOT_FOUND") throw err;
    // A conflict or a refused choice: show the latest state, keep what they typed.
    return buildDigestCard(await cardData(ctx, cohort, submission.sessionNumber), { message: err.message, issues: err.issues, note: submission.note, featured: submission.featured });
  }
}

/** The same card, refused before publishing because the submission itself was malformed. */
export async function digestCardWithProblem(ctx: AppContext, actor: Actor, cohortId: string, sessionNumber: number, problem: ValidationError, typed: { note: string; featured: string[] }): Promise<AdaptiveCardJson> {
  const { cohort } = await authorizeCohort(ctx, actor, "digest.manage", cohortId);
  return buildDigestCard(await cardData(ctx, cohort, sessionNumber), { message: problem.message, issues: problem.issues, ...typed });
}

async function cardData(ctx: AppContext, cohort: Cohort, sessionNumber: number): Promise<DigestCardData> {
  const digest = toResponse(await digestState(ctx, cohort, sessionNumber));
  return {
    cohortId: cohort.id,
    cohortName: cohort.name,
    sessionNumber: digest.sessionNumber,
    nextSessionNumber: digest.nextSessionNumber,
    nextSessionOn: digest.nextSessionOn,
    members: digest.members,
    responses: digest.responses,
    withheld: digest.quotesWithheld,
    blockers: digest.blockers,
    quotes: digest.quotes,
    wins: digest.wins,
    openHelpRequests: digest.openHelpRequests,
    openQuestions: digest.openQuestions,
    ...(digest.summaryLine ? { summaryLine: digest.summaryLine } : {}),
    ...(digest.published ? { published: digest.published } : {}),
    ...(digest.etag ? { etag: digest.etag } : {}),
    tabUrl: tabUrl(ctx),
  };
}
