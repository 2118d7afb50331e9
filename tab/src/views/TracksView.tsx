/**
 * Tracks (admins): the built-in tracks and the organisation's own, each to copy (or edit, when it
 * is the organisation's), and a blank one to start from. Opening one shows the editor.
 */
import { Button, Card, Field, Input, MessageBar, MessageBarBody, Text, Title3 } from "@fluentui/react-components";
import { useState } from "react";
import type { TrackSummary } from "../../../bot/src/contract/api-contract";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import type { CreateTrackRequest, TrackDetail } from "../../../bot/src/contract/track-authoring-contract";
import { api, ApiError, issuesFor } from "../api";
import { autoGrid } from "../components/Layout";
import { Empty, Failure, Loading } from "../components/States";
import { useApi } from "../useApi";
import { TrackEditor } from "./TrackEditor";

/** The list may say more than the summary type promises (version, built-in); both are optional here. */
type ListedTrack = TrackSummary & { version?: number; builtIn?: boolean; basedOn?: string };

export default function TracksView() {
  const [tracks, reload] = useApi<ListedTrack[]>(apiRoutes.tracks.url());
  const [editing, setEditing] = useState<string>();
  const [creating, setCreating] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const [blankName, setBlankName] = useState("");

  if (editing)
    return (
      <TrackEditor
        trackId={editing}
        onClose={(changed) => {
          setEditing(undefined);
          if (changed) reload();
        }}
      />
    );

  const create = async (request: CreateTrackRequest, key: string) => {
    setCreating(key);
    setError(undefined);
    try {
      const created = await api.post<TrackDetail>(apiRoutes.createTrack.url(), request);
      setBlankName("");
      reload();
      setEditing(created.id);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, "The track could not be created."));
    } finally {
      setCreating(undefined);
    }
  };

  const blankMessage = issuesFor(error, "name");
  return (
    <section aria-labelledby="tracks-heading" style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 16, minWidth: 0 }}>
      <Title3 as="h2" id="tracks-heading">
        Tracks
      </Title3>
      <Text>Copy a built-in track to make it your organisation&apos;s own: its workflows, templates, approved AI tool and versions for managers and executives. Cohorts keep the version they started on until you move them.</Text>
      <Card style={{ minWidth: 0 }}>
        <form
          style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 8 }}
          onSubmit={(e) => {
            e.preventDefault();
            void create({ name: blankName.trim() || "New track" }, "blank");
          }}
        >
          <Field label="Name for a new blank track" style={{ minWidth: 0 }} validationMessage={blankMessage} validationState={blankMessage ? "error" : "none"}>
            <Input value={blankName} placeholder="e.g. Sales: proposals and account plans" style={{ minWidth: 0, maxWidth: "100%" }} onChange={(_e, d) => setBlankName(d.value)} />
          </Field>
          <div>
            <Button type="submit" disabled={!!creating}>
              {creating === "blank" ? "Creating…" : "New blank track"}
            </Button>
          </div>
        </form>
      </Card>
      {error && !blankMessage ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error.message}</MessageBarBody>
        </MessageBar>
      ) : null}
      {tracks.state === "loading" ? <Loading label="Loading tracks" /> : null}
      {tracks.state === "error" ? <Failure error={tracks.error} onRetry={reload} /> : null}
      {tracks.state === "ready" && tracks.data.length === 0 ? <Empty title="No tracks yet">Start a blank track above.</Empty> : null}
      {tracks.state === "ready" && tracks.data.length ? (
        <ul aria-label="Tracks" style={{ ...autoGrid(280, 12), listStyle: "none", padding: 0, margin: 0 }}>
          {tracks.data.map((t) => {
            const own = t.builtIn === false;
            return (
              <li key={t.id} style={{ minWidth: 0 }}>
                <Card style={{ height: "100%", minWidth: 0 }}>
                  <Text as="h3" weight="semibold" size={400}>
                    {t.name}
                  </Text>
                  <Text size={200}>
                    {t.builtIn === undefined ? "" : own ? `Your organisation's · version ${t.version ?? 1}` : "Built-in"}
                    {t.builtIn === undefined ? "" : " · "}
                    {t.sessionCount} {t.sessionCount === 1 ? "session" : "sessions"}
                  </Text>
                  <Text>{t.audience}</Text>
                  <div style={{ display: "flex", flexWrap: "wrap", gap: 8, marginTop: "auto" }}>
                    {t.builtIn !== true ? (
                      <Button appearance="primary" aria-label={`Edit ${t.name}`} onClick={() => setEditing(t.id)}>
                        Edit
                      </Button>
                    ) : null}
                    <Button aria-label={`Copy ${t.name}`} disabled={!!creating} onClick={() => void create({ name: `${t.name} (copy)`, copyOf: t.id }, t.id)}>
                      {creating === t.id ? "Copying…" : "Copy"}
                    </Button>
                  </div>
                </Card>
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
