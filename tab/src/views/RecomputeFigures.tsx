/**
 * When the Programme view's group figures were computed, and (admins) "Recompute figures": the
 * kept figures checked against a full recount from the raw records, with the result in plain words.
 */
import { Button, Text } from "@fluentui/react-components";
import { useState } from "react";
import type { RecomputeFiguresResponse } from "../../../bot/src/contract/api-contract";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import { api, ApiError } from "../api";
import { Failure } from "../components/States";

const OUTCOME_TEXT: Record<RecomputeFiguresResponse["outcome"], string> = {
  matched: "Checked against a full recount: the figures matched.",
  outdated: "New answers had come in since the figures were last counted; they have been recounted.",
  mismatch: "The figures did not match a full recount; they have been corrected.",
};

/** "14:05" in the viewer's own time. */
export function timeOfDay(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}

/**
 * The last recompute's result per cohort: `onRecomputed` reloads the figures, which remounts this
 * component, and the admin must still read what the check found.
 */
const lastResults = new Map<string, RecomputeFiguresResponse>();

/**
 * `refreshing`: answers came in since `figuresAsOf` and the service is counting them behind this
 * read (large cohorts); "Show newer figures" reloads.
 */
export function FiguresAsOf({ figuresAsOf, refreshing = false, cohortId, isAdmin, onRecomputed }: { figuresAsOf?: string; refreshing?: boolean; cohortId: string; isAdmin: boolean; onRecomputed: () => void }) {
  const [state, setState] = useState<{ busy: boolean; result?: RecomputeFiguresResponse; error?: ApiError }>(() => ({ busy: false, ...(lastResults.has(cohortId) ? { result: lastResults.get(cohortId) } : {}) }));
  const recompute = async () => {
    setState({ busy: true });
    try {
      const result = await api.post<RecomputeFiguresResponse>(apiRoutes.recomputeFigures.url({ cohortId }), {});
      lastResults.set(cohortId, result);
      setState({ busy: false, result });
      onRecomputed();
    } catch (err) {
      setState({ busy: false, error: err instanceof ApiError ? err : new ApiError(0, "Could not recompute the figures.", []) });
    }
  };
  if (!figuresAsOf && !isAdmin) return null;
  return (
    <div style={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: 8, minWidth: 0 }}>
      {figuresAsOf ? <Text size={200}>Figures as of {timeOfDay(figuresAsOf)}</Text> : null}
      {figuresAsOf && refreshing ? (
        <>
          <Text size={200}>Newer answers are being counted.</Text>
          <Button size="small" appearance="subtle" onClick={onRecomputed}>
            Show newer figures
          </Button>
        </>
      ) : null}
      {isAdmin ? (
        <Button size="small" appearance="secondary" disabled={state.busy} onClick={() => void recompute()}>
          {state.busy ? "Recomputing…" : "Recompute figures"}
        </Button>
      ) : null}
      {state.result ? (
        <Text size={200} role="status">
          {`${timeOfDay(state.result.figuresAsOf)}: ${OUTCOME_TEXT[state.result.outcome]}`}
        </Text>
      ) : null}
      {state.error ? <Failure error={state.error} /> : null}
    </div>
  );
}
