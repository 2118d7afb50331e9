/**
 * In the cohort editor: the version of its track the cohort runs, and, when a newer one is saved,
 * what moving to it changes and the move itself (with the cohort's ETag as read).
 */
import { Button, Card, MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import { useState } from "react";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import type { MoveTrackRequest, TrackMovePreview } from "../../../bot/src/contract/track-authoring-contract";
import { api, ApiError } from "../api";
import { Failure, Loading } from "../components/States";
import { useApi } from "../useApi";

export function TrackMovePanel({ cohortId, etag, onMoved }: { cohortId: string; etag: string; onMoved: () => void }) {
  const [move, reload] = useApi<TrackMovePreview>(apiRoutes.trackMove.url({ cohortId }));
  const [state, setState] = useState<{ kind: "idle" | "moving" } | { kind: "moved"; version: number } | { kind: "error"; error: ApiError }>({ kind: "idle" });

  if (move.state === "loading") return <Loading label="Checking the track's version" />;
  // A built-in track has one version (the server answers 400 or 404): nothing to move between, so nothing to say.
  if (move.state === "error") return move.error.status === 400 || move.error.status === 404 ? null : <Failure error={move.error} onRetry={reload} />;
  const m = move.data;

  const doMove = async () => {
    setState({ kind: "moving" });
    try {
      await api.post<unknown>(apiRoutes.moveTrack.url({ cohortId }), { toVersion: m.toVersion, etag } satisfies MoveTrackRequest);
      setState({ kind: "moved", version: m.toVersion });
      reload();
      onMoved();
    } catch (err) {
      const error = err instanceof ApiError ? err : new ApiError(0, "The cohort could not be moved.");
      setState({ kind: "error", error });
      // Someone else saved the cohort: read it (and its ETag) again, then the admin can move it.
      if (error.status === 409) {
        reload();
        onMoved();
      }
    }
  };

  return (
    <Card appearance="outline" style={{ minWidth: 0 }}>
      <section aria-label="Track version" style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 8 }}>
        <Text weight="semibold">Track version</Text>
        {m.toVersion > m.fromVersion ? (
          <>
            <Text>
              This cohort runs version {m.fromVersion} of its track; version {m.toVersion} is available.
            </Text>
            {m.diff.length ? (
              <ul aria-label={`What changes in version ${m.toVersion}`} style={{ margin: 0, paddingLeft: 20 }}>
                {m.diff.map((d, i) => (
                  <li key={i} style={{ overflowWrap: "anywhere" }}>
                    <strong>{d.where}:</strong> “{d.before || "(empty)"}” → “{d.after || "(empty)"}”
                  </li>
                ))}
              </ul>
            ) : (
              <Text>The cards do not change.</Text>
            )}
            <Text size={200}>Sessions already sent stay as they were; the rest of the programme uses the new version. Save or cancel other changes to the cohort first: moving reloads this form.</Text>
            <div>
              <Button appearance="primary" disabled={state.kind === "moving"} onClick={() => void doMove()}>
                {state.kind === "moving" ? "Moving…" : `Move to version ${m.toVersion}`}
              </Button>
            </div>
          </>
        ) : (
          <Text>This cohort runs version {m.fromVersion} of its track, the latest.</Text>
        )}
        {state.kind === "moved" ? (
          <MessageBar intent="success" role="status">
            <MessageBarBody>Moved to version {state.version}.</MessageBarBody>
          </MessageBar>
        ) : null}
        {state.kind === "error" ? (
          <MessageBar intent={state.error.status === 409 ? "warning" : "error"} role="alert">
            <MessageBarBody>{state.error.status === 409 ? "Someone else changed this cohort while you were looking. It has been reloaded: check the versions and move again." : state.error.message}</MessageBarBody>
          </MessageBar>
        ) : null}
      </section>
    </Card>
  );
}
