/**
 * Editing one cohort. A save carries the ETag its form was filled from, so if someone else saved
 * in the meantime the server refuses it: their version is then loaded into the form and the
 * admin's own changes are listed to make again, so neither edit is lost without anyone knowing.
 */
import { Button, Card, MessageBar, MessageBarBody, MessageBarTitle, Text } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import type { CohortDetail, CohortSummary, CohortUpdate, TrackSummary } from "../../../bot/src/contract/api-contract";
import { api, ApiError, issuesFor } from "../api";
import { channelFromKey, channelKey, WinsChannelField } from "../components/WinsChannelField";
import { Failure, Loading } from "../components/States";
import { useApi } from "../useApi";
import { TrackMovePanel } from "./TrackMovePanel";
import { CohortForm, cohortInputFrom, displayValue, FIELD_LABELS, formFromDetail, type CohortFormValues } from "./CohortForm";
import { apiRoutes } from "../../../bot/src/contract/api-routes";

type UnsavedChange = { label: string; value: string };
type Outcome = { kind: "conflict"; unsaved: UnsavedChange[] } | { kind: "error"; error: ApiError };

interface CohortEditorProps {
  cohort: CohortSummary;
  tracks: TrackSummary[];
  otherCohorts: CohortSummary[];
  onSaved: (saved: CohortDetail) => void;
  onCancel: () => void;
  /** Called when a save starts, so an earlier success message can go. */
  onAttempt?: () => void;
}

export function CohortEditor({ cohort, tracks, otherCohorts, onSaved, onCancel, onAttempt }: CohortEditorProps) {
  const [detail, reloadDetail] = useApi<CohortDetail>(apiRoutes.cohort.url({ cohortId: cohort.id }));
  const [outcome, setOutcome] = useState<Outcome>();
  // A choice belongs to the version it was made on: after a conflict, the other admin's channel shows.
  const [choice, setChoice] = useState<{ etag: string; channel: string }>();
  const channel = detail.state !== "ready" ? "" : choice?.etag === detail.data.etag ? choice.channel : channelKey(detail.data.winsChannel);
  const setChannel = (next: string) => detail.state === "ready" && setChoice({ etag: detail.data.etag, channel: next });
  const heading = useRef<HTMLHeadingElement>(null);
  // The form opens below the table; moving focus there tells keyboard and screen-reader users it opened.
  useEffect(() => heading.current?.focus(), []);

  const save = async (values: CohortFormValues) => {
    if (detail.state !== "ready") return;
    const read = detail.data;
    onAttempt?.();
    setOutcome(undefined);
    try {
      onSaved(await api.put<CohortDetail>(apiRoutes.updateCohort.url({ cohortId: cohort.id }), updateFrom(values, read, channel)));
    } catch (err) {
      const error = err instanceof ApiError ? err : new ApiError(0, "Could not save the cohort.");
      if (error.code === "CONCURRENCY.CONFLICT") {
        setOutcome({ kind: "conflict", unsaved: unsavedChanges(formFromDetail(read), values) });
        reloadDetail();
      } else setOutcome({ kind: "error", error });
    }
  };

  return (
    <Card>
      <Text as="h3" size={500} weight="semibold" ref={heading} tabIndex={-1}>
        Edit {detail.state === "ready" ? detail.data.name : cohort.name}
      </Text>
      {outcome?.kind === "conflict" ? <ConflictNotice unsaved={outcome.unsaved} /> : null}
      {detail.state === "ready" ? <TrackMovePanel cohortId={cohort.id} etag={detail.data.etag} onMoved={reloadDetail} /> : null}
      {detail.state === "loading" ? <Loading label="Loading the cohort" /> : null}
      {detail.state === "error" ? <Failure error={detail.error} onRetry={reloadDetail} /> : null}
      {detail.state === "ready" ? (
        <CohortForm
          key={detail.data.etag}
          mode="edit"
          initial={formFromDetail(detail.data)}
          tracks={tracks}
          otherCohorts={otherCohorts}
          onSubmit={save}
          onCancel={onCancel}
          error={outcome?.kind === "error" ? outcome.error : undefined}
          extraFields={<WinsChannelField value={channel} current={detail.data.winsChannel} onChange={setChannel} validationMessage={issuesFor(outcome?.kind === "error" ? outcome.error : undefined, "winsChannel")} />}
        />
      ) : (
        <div>
          <Button onClick={onCancel}>Cancel</Button>
        </div>
      )}
    </Card>
  );
}

function ConflictNotice({ unsaved }: { unsaved: UnsavedChange[] }) {
  return (
    <MessageBar intent="warning" role="alert" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Someone else changed this cohort while you were editing</MessageBarTitle>
        Your changes were not saved. The form now shows their version: make your changes again and save.
        {unsaved.length ? (
          <ul aria-label="Your changes that were not saved">
            {unsaved.map((change) => (
              <li key={change.label} style={{ whiteSpace: "pre-wrap" }}>
                <strong>{change.label}:</strong> {change.value || "(empty)"}
              </li>
            ))}
          </ul>
        ) : null}
      </MessageBarBody>
    </MessageBar>
  );
}

function unsavedChanges(read: CohortFormValues, edited: CohortFormValues): UnsavedChange[] {
  const same = (key: keyof CohortFormValues) => JSON.stringify(read[key]) === JSON.stringify(edited[key]);
  return (Object.keys(FIELD_LABELS) as Array<keyof CohortFormValues>).filter((key) => !same(key)).map((key) => ({ label: FIELD_LABELS[key], value: displayValue(edited, key) }));
}

/**
 * The server replaces the cohort and its roster with what it is sent, so what the form does not
 * show (members' job titles) goes back as it was read, or it would be erased.
 */
function updateFrom(values: CohortFormValues, read: CohortDetail, channel: string): CohortUpdate {
  const jobTitles = new Map(read.members.flatMap((m) => (m.jobTitle ? [[m.userId, m.jobTitle] as const] : [])));
  const input = cohortInputFrom(values);
  return {
    ...input,
    members: input.members.map((m) => {
      const jobTitle = jobTitles.get(m.userId);
      return jobTitle ? { ...m, jobTitle } : m;
    }),
    winsChannel: channelFromKey(channel),
    status: values.status,
    etag: read.etag,
  };
}
