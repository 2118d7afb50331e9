/**
 * "Share an experiment with your teams", for a leader in the tab: the same fields (and the same use
 * case on the server) as the bot's card. One draft id per filled-in form, so a double click or a
 * retry after a lost answer records it once and posts it once. Consent names the teams it goes to.
 */
import { Button, Card, Checkbox, Field, Input, MessageBar, MessageBarBody, Text, Textarea } from "@fluentui/react-components";
import { useState } from "react";
import type { ShareExperimentRequest, ShareExperimentResponse } from "../../../bot/src/contract/api-contract";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import { LIMITS } from "../../../bot/src/domain/limits";
import { api, ApiError, issuesFor, otherIssues } from "../api";

const newDraftId = () => (globalThis.crypto?.randomUUID ? globalThis.crypto.randomUUID() : `draft-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`);
const EMPTY = { work: "", tried: "", outcome: "", share: false };
const FIELDS = ["work", "tried", "outcome", "share"];

export function ShareExperimentForm({ cohortId, teams }: { cohortId: string; teams: string[] }) {
  const [draft, setDraft] = useState(EMPTY);
  const [draftId, setDraftId] = useState(newDraftId);
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<ShareExperimentResponse>();
  const [sending, setSending] = useState(false);
  const set = (changes: Partial<typeof EMPTY>) => {
    setDraft((d) => ({ ...d, ...changes }));
    setDone(undefined);
  };

  const submit = async () => {
    setSending(true);
    setError(undefined);
    const body: ShareExperimentRequest = { draftId, work: draft.work.trim(), tried: draft.tried.trim(), outcome: draft.outcome.trim(), share: teams.length > 0 && draft.share };
    try {
      setDone(await api.post<ShareExperimentResponse>(apiRoutes.shareExperiment.url({ cohortId }), body));
      setDraft(EMPTY);
      setDraftId(newDraftId());
    } catch (err) {
      // What was typed stays in the form.
      setError(err instanceof ApiError ? err : new ApiError(0, "Could not share it. Try again."));
    } finally {
      setSending(false);
    }
  };

  const banner = error && (otherIssues(error, FIELDS).join(" ") || (error.issues.length ? "" : error.message));
  return (
    <Card aria-label="Share an experiment with your teams">
      <Text weight="semibold" block>
        Share an experiment with your teams
      </Text>
      <Text block>What you tried with AI on real work, and what happened. Failures are welcome: "it got the structure right and two numbers wrong" teaches as much as a success.</Text>
      {done ? (
        <MessageBar intent="success">
          <MessageBarBody>{done.postedTo.length ? `Thanks! It is on its way to ${done.postedTo.join(", ")}, and into their next brief.` : "Thanks! Your experiment is recorded; it was not shared with your teams."}</MessageBarBody>
        </MessageBar>
      ) : null}
      {banner ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{banner}</MessageBarBody>
        </MessageBar>
      ) : null}
      <Field label="Which real piece of work?" required validationMessage={issuesFor(error, "work")}>
        <Input value={draft.work} maxLength={LIMITS.shortText} placeholder="e.g. the Q3 board pack" onChange={(_, d) => set({ work: d.value })} />
      </Field>
      <Field label="What did you try?" required validationMessage={issuesFor(error, "tried")}>
        <Textarea value={draft.tried} maxLength={LIMITS.answerText} onChange={(_, d) => set({ tried: d.value })} />
      </Field>
      <Field label="What happened?" required validationMessage={issuesFor(error, "outcome")}>
        <Textarea value={draft.outcome} maxLength={LIMITS.answerText} onChange={(_, d) => set({ outcome: d.value })} />
      </Field>
      {teams.length ? (
        <Checkbox checked={draft.share} onChange={(_, d) => set({ share: d.checked === true })} label={`Share it with my teams, with my name: ${teams.map((t) => `"${t}"`).join(", ")} (their channel and their next session brief)`} />
      ) : (
        <Text block size={200}>
          No team cohort follows your leadership cohort yet, so it stays with your cohort for now.
        </Text>
      )}
      <div>
        <Button appearance="primary" disabled={sending} onClick={() => void submit()}>
          Share
        </Button>
      </div>
    </Card>
  );
}
