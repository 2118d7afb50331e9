/** Admins set up cohorts: the organisation's cohorts, and one form that creates a cohort or edits the one picked in the table. */
import { Button, Card, MessageBar, MessageBarBody, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Title3 } from "@fluentui/react-components";
import { useState } from "react";
import type { CohortCreated, CohortSummary, TrackSummary } from "../../../bot/src/contract/api-contract";
import { api, ApiError } from "../api";
import { ScrollArea } from "../components/Layout";
import { Empty, Failure, Loading } from "../components/States";
import { useApi } from "../useApi";
import { CohortEditor } from "./CohortEditor";
import { CohortForm, cohortInputFrom, EMPTY_COHORT_FORM, type CohortFormValues } from "./CohortForm";
import { apiRoutes } from "../../../bot/src/contract/api-routes";

/** The server lets admins, and only them, change a cohort. */
const mayEdit = (cohort: CohortSummary) => cohort.yourRole === "admin";

export default function CohortsView() {
  const [cohorts, reload] = useApi<CohortSummary[]>(apiRoutes.cohorts.url());
  const [tracks, reloadTracks] = useApi<TrackSummary[]>(apiRoutes.tracks.url());
  const [editing, setEditing] = useState<CohortSummary>();
  const [saved, setSaved] = useState<string>();

  if (cohorts.state === "loading" || tracks.state === "loading") return <Loading label="Loading cohorts" />;
  if (cohorts.state === "error") return <Failure error={cohorts.error} onRetry={reload} />;
  if (tracks.state === "error") return <Failure error={tracks.error} onRetry={reloadTracks} />;
  const anyEditable = cohorts.data.some(mayEdit);
  const startEditing = (cohort: CohortSummary) => {
    setSaved(undefined);
    setEditing(cohort);
  };

  return (
    <section aria-labelledby="cohorts-heading" style={{ display: "grid", gap: 16 }}>
      <Title3 as="h2" id="cohorts-heading">
        Cohorts
      </Title3>
      {cohorts.data.length === 0 ? (
        <Empty title="No cohorts yet">Start with a leadership cohort: leaders go first.</Empty>
      ) : (
        <ScrollArea label="Cohorts (scrolls sideways on narrow screens)" minWidth={720}>
        <Table aria-label="Cohorts" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Kind</TableHeaderCell>
              <TableHeaderCell>Track</TableHeaderCell>
              <TableHeaderCell>Starts</TableHeaderCell>
              <TableHeaderCell>Members</TableHeaderCell>
              <TableHeaderCell>Status</TableHeaderCell>
              {anyEditable ? <TableHeaderCell>Actions</TableHeaderCell> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {cohorts.data.map((c) => (
              <TableRow key={c.id}>
                <TableCell>{c.name}</TableCell>
                <TableCell>{c.kind}</TableCell>
                <TableCell>{c.trackName}</TableCell>
                <TableCell>{c.startDate}</TableCell>
                <TableCell>{c.memberCount}</TableCell>
                <TableCell>{c.status}</TableCell>
                {anyEditable ? (
                  <TableCell>
                    {mayEdit(c) ? (
                      <Button size="small" aria-label={`Edit ${c.name}`} disabled={editing?.id === c.id} onClick={() => startEditing(c)}>
                        Edit
                      </Button>
                    ) : null}
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
        </ScrollArea>
      )}
      {saved ? (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{saved}</MessageBarBody>
        </MessageBar>
      ) : null}
      {editing ? (
        <CohortEditor
          key={editing.id}
          cohort={editing}
          tracks={tracks.data}
          otherCohorts={cohorts.data.filter((c) => c.id !== editing.id)}
          onSaved={(detail) => {
            setEditing(undefined);
            setSaved(`${detail.name} is saved.`);
            reload();
          }}
          onCancel={() => setEditing(undefined)}
          onAttempt={() => setSaved(undefined)}
        />
      ) : (
        <CreateCohort
          tracks={tracks.data}
          cohorts={cohorts.data}
          onAttempt={() => setSaved(undefined)}
          onCreated={(message) => {
            setSaved(message);
            reload();
          }}
        />
      )}
    </section>
  );
}

function CreateCohort({ tracks, cohorts, onCreated, onAttempt }: { tracks: TrackSummary[]; cohorts: CohortSummary[]; onCreated: (message: string) => void; onAttempt: () => void }) {
  const [error, setError] = useState<ApiError>();
  const [formKey, setFormKey] = useState(0);

  const create = async (values: CohortFormValues) => {
    // A new attempt: the last one's success or error no longer describes what is on screen.
    onAttempt();
    setError(undefined);
    try {
      const created = await api.post<Partial<CohortCreated> | undefined>(apiRoutes.createCohort.url(), cohortInputFrom(values));
      setFormKey((key) => key + 1);
      // The server says what happens next (the policy first, or joining a running programme mid-way).
      onCreated(created?.message ?? `${values.name} is created.`);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, "Could not create the cohort."));
    }
  };

  return (
    <Card>
      <Title3 as="h3">Create a cohort</Title3>
      <CohortForm
        key={formKey}
        mode="create"
        initial={EMPTY_COHORT_FORM}
        tracks={tracks}
        otherCohorts={cohorts}
        onSubmit={create}
        error={error}
      />
    </Card>
  );
}
