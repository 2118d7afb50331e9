/**
 * What was covered in a live session and its recording, for the members who missed it: saved for
 * the catch-up card, and sent at once when its attendance is read and the catch-up has not gone out.
 */
import { Button, Field, Input, MessageBar, MessageBarBody, Text, Textarea } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import { LIVE_SESSION_NOTES_MAX, type LiveSessionDto } from "../../../bot/src/contract/live-sessions-contract";
import { api, ApiError, issuesFor, otherIssues } from "../api";
import { longDate } from "./LiveSessionAttendance";

const FIELDS = ["notes", "recordingUrl"];

function catchUpText(session: LiveSessionDto): string {
  const { catchUp, attendance } = session;
  if (catchUp.state === "sent") return `Catch-up sent to ${catchUp.sentTo} who missed it${catchUp.sentAt ? ` on ${longDate(catchUp.sentAt.slice(0, 10))}` : ""}.`;
  if (catchUp.state === "none-missed") return "Everyone came: no catch-up to send.";
  if (attendance.state !== "read") return "The catch-up goes to those who missed it once Teams' attendance report has been read.";
  return catchUp.dueAt ? `The catch-up goes to those who missed it on ${longDate(catchUp.dueAt.slice(0, 10))}.` : "The catch-up has not been sent yet.";
}

export function LiveSessionNotesForm({ cohortId, session, onSaved }: { cohortId: string; session: LiveSessionDto; onSaved: () => void }) {
  const [notes, setNotes] = useState(session.notes);
  const [recordingUrl, setRecordingUrl] = useState(session.recordingUrl ?? "");
  const [error, setError] = useState<ApiError>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string>();
  useEffect(() => {
    setNotes(session.notes);
    setRecordingUrl(session.recordingUrl ?? "");
    setError(undefined);
  }, [session.key, session.notes, session.recordingUrl]);
  useEffect(() => setSaved(undefined), [session.key]);

  const tooLong = notes.length > LIVE_SESSION_NOTES_MAX;
  const missed = session.attendance.state === "read" ? Math.max(0, session.attendance.invited - session.attendance.attended) : 0;
  const canSendNow = session.attendance.state === "read" && session.catchUp.state === "not-yet" && missed > 0;
  const notesIssue = tooLong ? `The notes are ${notes.length - LIVE_SESSION_NOTES_MAX} characters too long: keep them to ${LIVE_SESSION_NOTES_MAX} characters or fewer.` : issuesFor(error, "notes");
  const urlIssue = issuesFor(error, "recordingUrl");
  const rest = error ? (error.issues.length ? otherIssues(error, FIELDS) : [error.message]) : [];

  const save = async (sendCatchUpNow: boolean) => {
    setSaving(true);
    setError(undefined);
    setSaved(undefined);
    try {
      await api.put(apiRoutes.saveLiveSessionNotes.url({ cohortId, sessionKey: session.key }), { notes, recordingUrl: recordingUrl.trim() === "" ? null : recordingUrl.trim(), ...(sendCatchUpNow ? { sendCatchUpNow: true } : {}) });
      setSaved(sendCatchUpNow ? `Saved, and the catch-up is on its way to ${missed} who missed it.` : "Saved.");
      onSaved();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, "Could not save the notes."));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      aria-labelledby="notes-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void save(false);
      }}
      style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 8 }}
    >
      <Text as="h4" id="notes-heading" weight="semibold" size={400}>
        Notes and recording for those who missed it
      </Text>
      <Text size={200}>{catchUpText(session)}</Text>
      <Field label="What was covered" hint={`Plain text, sent as written. ${notes.length} of ${LIVE_SESSION_NOTES_MAX} characters.`} validationMessage={notesIssue} validationState={notesIssue ? "error" : "none"}>
        <Textarea value={notes} onChange={(_e, d) => setNotes(d.value)} resize="vertical" />
      </Field>
      <Field label="Recording link" hint="Optional: a link starting with https://" validationMessage={urlIssue} validationState={urlIssue ? "error" : "none"}>
        <Input type="url" value={recordingUrl} onChange={(_e, d) => setRecordingUrl(d.value)} style={{ minWidth: 0 }} />
      </Field>
      {rest.length ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{rest.join(" ")}</MessageBarBody>
        </MessageBar>
      ) : null}
      {saved ? (
        <Text role="status" size={200}>
          {saved}
        </Text>
      ) : null}
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8 }}>
        <Button type="submit" appearance={canSendNow ? "secondary" : "primary"} disabled={saving || tooLong}>
          {saving ? "Saving…" : "Save notes"}
        </Button>
        {canSendNow ? (
          <Button appearance="primary" disabled={saving || tooLong} onClick={() => void save(true)}>
            Save and send catch-up to {missed} who missed it
          </Button>
        ) : null}
      </div>
    </form>
  );
}
