/**
 * The card a practice pod's exercise delivery carries, built at send time: the session from the
 * cohort's track (its pinned version), posted to the pod's group chat. Skipped when the pod or its
 * chat is gone (a re-split), or the session left the track.
 */
import type { AppContext } from "../app-context";
import { buildPodExerciseCard } from "../cards/pod-exercise.card";
import { parsePodExerciseKey } from "../domain/pods";
import type { Cohort } from "../domain/types";
import { trackOfCohort } from "../usecases/tracks/cohort-track";
import type { CardDecision } from "./send-delivery";

export async function podExerciseFor(ctx: AppContext, cohort: Cohort, eventKey: string): Promise<CardDecision> {
  const key = parsePodExerciseKey(eventKey);
  if (!key || key.cohortId !== cohort.id) return { skip: "not a pod exercise of this cohort" };
  const pod = (await ctx.repos.pods.get(cohort.tenantId, cohort.id))?.pods.find((p) => p.id === key.podId);
  if (!pod || pod.chat !== "ready" || !pod.chatId) return { skip: "the pod has no chat any more" };
  if (!pod.serviceUrl) return { skip: "the pod has no chat to post to" };
  const session = (await trackOfCohort(ctx.repos.tracks, cohort))?.sessions.find((s) => s.number === key.sessionNumber);
  if (!session) return { skip: "the session is no longer in the programme" };
  const card = buildPodExerciseCard({
    cohortName: cohort.name,
    podName: pod.name,
    sessionNumber: session.number,
    title: session.title,
    workflow: session.learn.workflow,
    tryThis: session.learn.tryThis,
    examplePrompt: session.learn.examplePrompt,
  });
  return { send: { card, summary: `Try it together: ${session.title}`, chat: { chatId: pod.chatId, serviceUrl: pod.serviceUrl } } };
}
