/**
 * For a team cohort's facilitators: the note its leaders wrote to open session 1, seen before it
 * goes out. By default it goes; holding it back keeps it out of this team's brief only.
 */
import { Button, Card, MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import { useState } from "react";
import type { HoldLeaderNoteRequest, LeaderNoteReviewResponse } from "../../../bot/src/contract/api-contract";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import { api, ApiError } from "../api";
import { Failure, Loading } from "../components/States";
import { useApi } from "../useApi";

export function LeaderNoteReview({ cohortId }: { cohortId: string }) {
  const [loaded, reload] = useApi<LeaderNoteReviewResponse>(apiRoutes.leaderNoteReview.url({ cohortId }));
  const [changedNow, setChangedNow] = useState<LeaderNoteReviewResponse>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  if (loaded.state === "loading") return <Loading label="Loading the leaders' note" />;
  if (loaded.state === "error") return <Failure error={loaded.error} onRetry={reload} />;
  const review = changedNow ?? loaded.data;
  // Only a team cohort that follows a leadership cohort has anything to review.
  if (!review.leadershipCohortName) return null;
  const note = review.note;

  const hold = async (heldBack: boolean) => {
    if (!note) return;
    setBusy(true);
    setError(undefined);
    const body: HoldLeaderNoteRequest = { heldBack, etag: note.etag };
    try {
      setChangedNow(await api.put<LeaderNoteReviewResponse>(apiRoutes.holdLeaderNote.url({ cohortId }), body));
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(0, "Could not change it. Try again.");
      setError(e);
      if (e.code === "CONCURRENCY.CONFLICT") {
        setChangedNow(undefined);
        reload();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card aria-label="A note from your leaders">
      <Text weight="semibold" block>
        A note from your leaders
      </Text>
      {!note ? (
        <Text block>"{review.leadershipCohortName}" has not written a note for session 1 yet. If they do, you see it here before it goes out.</Text>
      ) : (
        <>
          <Text block>
            {review.sessionOneSent
              ? "Session 1's brief has gone out, so a change here reaches nobody now."
              : note.heldBack
                ? "You held this back: session 1's brief goes out without it."
                : "This opens session 1's brief for your cohort, with the leader's name, unless you hold it back."}
          </Text>
          <Text block style={{ whiteSpace: "pre-wrap" }}>
            {note.text}
          </Text>
          <Text block size={200}>
            — {note.authorName}, "{review.leadershipCohortName}"
          </Text>
          {error ? (
            <MessageBar intent={error.code === "CONCURRENCY.CONFLICT" ? "warning" : "error"} role="alert">
              <MessageBarBody>{error.message}</MessageBarBody>
            </MessageBar>
          ) : null}
          {review.sessionOneSent ? null : (
            <div>
              <Button disabled={busy} onClick={() => void hold(!note.heldBack)}>
                {note.heldBack ? "Let it go out" : "Hold it back"}
              </Button>
            </div>
          )}
        </>
      )}
    </Card>
  );
}
