/**
 * A leader's note to the team cohorts that follow: it opens their session 1 brief, with the
 * leader's name, unless a team's facilitators hold it back (the leader sees which did). Saving
 * carries the ETag it was read with; when someone changed it first, theirs is loaded and shown
 * while what this leader typed stays in the box, so saving again is a choice, not a loss.
 */
import { Button, Card, Field, MessageBar, MessageBarBody, Text, Textarea } from "@fluentui/react-components";
import { useState } from "react";
import type { LeaderNoteResponse, SaveLeaderNoteRequest } from "../../../bot/src/contract/api-contract";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import { LIMITS } from "../../../bot/src/domain/limits";
import { api, ApiError, issuesFor } from "../api";
import { Failure, Loading } from "../components/States";
import { useApi } from "../useApi";

export function LeaderNoteForm({ cohortId }: { cohortId: string }) {
  const [loaded, reload] = useApi<LeaderNoteResponse>(apiRoutes.leaderNote.url({ cohortId }));
  const [savedNow, setSavedNow] = useState<LeaderNoteResponse>();
  const [typed, setTyped] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const [conflict, setConflict] = useState(false);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);

  if (loaded.state === "loading") return <Loading label="Loading your note to your teams" />;
  if (loaded.state === "error") return <Failure error={loaded.error} onRetry={reload} />;
  const current = savedNow ?? loaded.data;
  const text = typed ?? current.note?.text ?? "";

  const save = async () => {
    setSaving(true);
    setError(undefined);
    setSaved(false);
    const body: SaveLeaderNoteRequest = { text: text.trim(), ...(current.note ? { etag: current.note.etag } : {}) };
    try {
      setSavedNow(await api.put<LeaderNoteResponse>(apiRoutes.saveLeaderNote.url({ cohortId }), body));
      setConflict(false);
      setSaved(true);
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(0, "Could not save the note. Try again.");
      if (e.code === "CONCURRENCY.CONFLICT") {
        // Theirs is loaded; what was typed stays.
        setConflict(true);
        setSavedNow(undefined);
        setTyped(text);
        reload();
      } else setError(e);
    } finally {
      setSaving(false);
    }
  };

  const held = current.teams.filter((t) => t.heldBack);
  return (
    <Card aria-label="A note to your teams">
      <Text weight="semibold" block>
        A note to your teams
      </Text>
      <Text block>
        {current.teams.length
          ? `It opens session 1's brief for ${current.teams.map((t) => `"${t.name}"`).join(", ")}, as "A note from your leaders" with your name. Their facilitators see it first and may hold it back.`
          : "No team cohort follows your leadership cohort yet: when one does, your note opens its first session."}
      </Text>
      {conflict ? (
        <MessageBar intent="warning" role="alert">
          <MessageBarBody>
            The note changed a moment ago{current.note ? ` (now: "${current.note.text}", by ${current.note.authorName})` : ""}. What you typed is kept below: save again to replace it.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {error && !error.issues.length ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error.message}</MessageBarBody>
        </MessageBar>
      ) : null}
      {saved ? (
        <MessageBar intent="success">
          <MessageBarBody>Saved. It opens session 1 for every team that has not held it back.</MessageBarBody>
        </MessageBar>
      ) : null}
      <Field label="Your note" hint={`${text.length}/${LIMITS.leaderNote} characters`} validationMessage={issuesFor(error, "text") ?? (text.length > LIMITS.leaderNote ? `Keep it to ${LIMITS.leaderNote} characters or fewer.` : undefined)}>
        <Textarea
          value={text}
          onChange={(_, d) => {
            setTyped(d.value);
            setSaved(false);
          }}
        />
      </Field>
      {current.note ? (
        <Text block size={200}>
          Last saved by {current.note.authorName}.{held.length ? ` Held back by the facilitators of ${held.map((t) => `"${t.name}"`).join(", ")}.` : ""}
        </Text>
      ) : null}
      <div>
        <Button appearance="primary" disabled={saving || text.trim().length === 0} onClick={() => void save()}>
          Save the note
        </Button>
      </div>
    </Card>
  );
}
