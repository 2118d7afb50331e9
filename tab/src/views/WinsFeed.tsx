/**
 * A cohort's wins, for its facilitators and admins: what members agreed to share, newest first,
 * a page at a time. Wins kept private are only counted. Members' words are shown as plain text.
 */
import { Button, Card, Text, Title3 } from "@fluentui/react-components";
import { useState } from "react";
import type { WinsFeedResponse } from "../../../bot/src/contract/api-contract";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import { api, ApiError } from "../api";
import { Empty, Failure, Loading } from "../components/States";
import { useApi } from "../useApi";

type Win = WinsFeedResponse["wins"][number];

export function WinsFeed({ cohortId }: { cohortId: string }) {
  const [first, reload] = useApi<WinsFeedResponse>(apiRoutes.wins.url({ cohortId }));
  const [older, setOlder] = useState<{ wins: Win[]; nextCursor?: string }>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiError>();

  if (first.state === "loading") return <Loading label="Loading wins" />;
  if (first.state === "error") return <Failure error={first.error} onRetry={reload} />;
  const wins = [...first.data.wins, ...(older?.wins ?? [])];
  const nextCursor = older ? older.nextCursor : first.data.nextCursor;

  const loadMore = async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const page = await api.get<WinsFeedResponse>(apiRoutes.wins.url({ cohortId }, { cursor: nextCursor }));
      setOlder({ wins: [...(older?.wins ?? []), ...page.wins], ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
    } catch (err) {
      setMoreError(err instanceof ApiError ? err : new ApiError(0, "Could not load more wins."));
    } finally {
      setLoadingMore(false);
    }
  };

  const unshared = first.data.unsharedCount;
  return (
    <Card>
      <Title3 as="h3">Wins</Title3>
      {wins.length === 0 ? (
        <Empty title="No shared wins yet">When members share a win and agree to show it, it appears here.</Empty>
      ) : (
        <ul aria-label="Shared wins" style={{ listStyle: "none", padding: 0, margin: 0, display: "grid", gap: 12 }}>
          {wins.map((w) => (
            <li key={w.id} style={{ minWidth: 0, overflowWrap: "anywhere" }}>
              <Text weight="semibold">{w.displayName}</Text>{" "}
              <Text size={200}>
                {w.createdAt.slice(0, 10)}
                {w.minutesSaved !== undefined ? ` · ${w.minutesSaved} minutes saved` : ""}
              </Text>
              <Text block style={{ whiteSpace: "pre-wrap" }}>
                {w.text}
              </Text>
            </li>
          ))}
        </ul>
      )}
      {unshared > 0 ? <Text size={200}>{unshared === 1 ? "1 more win was shared privately and is not shown." : `${unshared} more wins were shared privately and are not shown.`}</Text> : null}
      {moreError ? <Failure error={moreError} onRetry={() => void loadMore()} /> : null}
      {nextCursor ? (
        <div>
          <Button disabled={loadingMore} onClick={() => void loadMore()}>
            {loadingMore ? "Loading…" : "Show older wins"}
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
