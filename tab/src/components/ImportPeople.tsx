/**
 * "Import people" in the cohort form: from a CSV file (name, e-mail or object id, job title) or
 * from a team the app is installed in. The server checks the file and names everyone (nothing is
 * saved); the preview lists the good rows and each bad row's problem, and "Add N people" puts the
 * good ones in the form's member list. They join the cohort when the form is saved, as always.
 */
import { Button, Field, MessageBar, MessageBarBody, Select, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from "@fluentui/react-components";
import { useRef, useState } from "react";
import type { ImportedPerson, ImportPreviewRow, ImportTeam, PeopleImportPreview, TeamMembersResponse } from "../../../bot/src/contract/api-contract";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import { api, ApiError } from "../api";
import { ScrollArea } from "./Layout";
import type { PickedPerson } from "./PeoplePicker";
import { Empty, Failure } from "./States";

/** What the server takes (bot/src/domain/csv-people.ts, CSV_IMPORT_MAX_CHARS); checked here before sending. */
const MAX_FILE_BYTES = 200_000;
/** Rows shown in the preview table; the rest are counted, and all are added. */
const ROWS_SHOWN = 200;

interface ImportPeopleProps {
  /** The form's members now: nobody is added twice. */
  current: PickedPerson[];
  onAdd: (people: PickedPerson[]) => void;
}

type Preview = { source: string; people: ImportedPerson[]; errors: ImportPreviewRow[]; notes: string[] };
type State =
  | { step: "idle" }
  | { step: "loading"; label: string }
  | { step: "error"; error: ApiError }
  | { step: "teams"; teams: ImportTeam[]; teamId: string }
  | { step: "preview"; preview: Preview }
  | { step: "added"; count: number };

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

function readText(file: File): Promise<string> {
  if (typeof file.text === "function") return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file);
  });
}

const asApiError = (err: unknown) => (err instanceof ApiError ? err : new ApiError(0, "Something went wrong. Try again."));

export function ImportPeople({ current, onAdd }: ImportPeopleProps) {
  const [state, setState] = useState<State>({ step: "idle" });
  const fileInput = useRef<HTMLInputElement>(null);
  const already = new Set(current.map((p) => p.userId.toLowerCase()));

  const chooseFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setState({ step: "error", error: new ApiError(413, `${file.name} is ${(file.size / 1_000_000).toFixed(1)} MB; the import takes CSV files up to ${MAX_FILE_BYTES / 1000} KB (about 2,500 people). Split it into smaller files.`) });
      return;
    }
    setState({ step: "loading", label: `Reading ${file.name}…` });
    try {
      const text = await readText(file);
      const result = await api.post<PeopleImportPreview>(apiRoutes.peopleImportPreview.url(), { file: text });
      setState({
        step: "preview",
        preview: { source: file.name, people: result.rows.flatMap((r) => (r.person ? [r.person] : [])), errors: result.rows.filter((r) => r.error), notes: result.notes },
      });
    } catch (err) {
      setState({ step: "error", error: asApiError(err) });
    } finally {
      if (fileInput.current) fileInput.current.value = "";
    }
  };

  const chooseTeam = async () => {
    setState({ step: "loading", label: "Finding your teams…" });
    try {
      const teams = await api.get<ImportTeam[]>(apiRoutes.peopleImportTeams.url());
      setState({ step: "teams", teams, teamId: teams[0]?.teamId ?? "" });
    } catch (err) {
      setState({ step: "error", error: asApiError(err) });
    }
  };

  const loadTeam = async (team: ImportTeam) => {
    setState({ step: "loading", label: `Reading the members of ${team.teamName}…` });
    try {
      const result = await api.post<TeamMembersResponse>(apiRoutes.peopleTeamMembers.url(), { teamId: team.teamId });
      setState({ step: "preview", preview: { source: result.teamName, people: result.people, errors: [], notes: [] } });
    } catch (err) {
      setState({ step: "error", error: asApiError(err) });
    }
  };

  const add = (people: ImportedPerson[]) => {
    onAdd(people.map((p) => ({ userId: p.userId, displayName: p.displayName, ...(p.jobTitle ? { jobTitle: p.jobTitle } : {}) })));
    setState({ step: "added", count: people.length });
  };

  return (
    <section aria-label="Import people" style={{ display: "flex", flexDirection: "column", gap: 8, minWidth: 0 }}>
      <Text weight="semibold">Import people</Text>
      <Text size={200}>From a CSV file (columns: name, e-mail or Entra object id, job title; a header row is fine) or from a team Cohort Coach is installed in. People join the cohort when you save it.</Text>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8 }}>
        <input ref={fileInput} type="file" accept=".csv,text/csv" aria-label="CSV file of people" style={{ display: "none" }} onChange={(e) => void chooseFile(e.target.files?.[0])} />
        <Button size="small" disabled={state.step === "loading"} onClick={() => fileInput.current?.click()}>
          From a CSV file…
        </Button>
        <Button size="small" disabled={state.step === "loading"} onClick={() => void chooseTeam()}>
          From a team…
        </Button>
      </div>
      {state.step === "loading" ? <Spinner size="tiny" label={state.label} labelPosition="after" /> : null}
      {state.step === "error" ? <Failure error={state.error} /> : null}
      {state.step === "added" ? (
        <Text role="status">{`Added ${plural(state.count, "person", "people")} to the members list. They join when you save the cohort.`}</Text>
      ) : null}
      {state.step === "teams" ? <TeamChoice teams={state.teams} teamId={state.teamId} onChange={(teamId) => setState({ ...state, teamId })} onLoad={(team) => void loadTeam(team)} onCancel={() => setState({ step: "idle" })} /> : null}
      {state.step === "preview" ? <PreviewTable preview={state.preview} already={already} onAdd={add} onCancel={() => setState({ step: "idle" })} /> : null}
    </section>
  );
}

function TeamChoice({ teams, teamId, onChange, onLoad, onCancel }: { teams: ImportTeam[]; teamId: string; onChange: (teamId: string) => void; onLoad: (team: ImportTeam) => void; onCancel: () => void }) {
  if (teams.length === 0)
    return (
      <Empty title="Cohort Coach isn't in any team yet">
        Add the app to a team in Teams (Apps, then Add to a team); its members can then be imported here. Until then, import a CSV file.
      </Empty>
    );
  const team = teams.find((t) => t.teamId === teamId);
  return (
    <div style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 8 }}>
      <Field label="Team" style={{ minWidth: 0 }}>
        <Select root={{ style: { maxWidth: "100%", minWidth: 0 } }} style={{ minWidth: 0, maxWidth: "100%" }} value={teamId} onChange={(_e, d) => onChange(d.value)}>
          {teams.map((t) => (
            <option key={t.teamId} value={t.teamId}>
              {t.teamName}
            </option>
          ))}
        </Select>
      </Field>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8 }}>
        <Button size="small" appearance="primary" disabled={!team} onClick={() => team && onLoad(team)}>
          Show its members
        </Button>
        <Button size="small" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

function PreviewTable({ preview, already, onAdd, onCancel }: { preview: Preview; already: Set<string>; onAdd: (people: ImportedPerson[]) => void; onCancel: () => void }) {
  const fresh = preview.people.filter((p) => !already.has(p.userId.toLowerCase()));
  const inList = preview.people.length - fresh.length;
  const inOthers = fresh.filter((p) => p.otherCohorts?.length).length;
  const shown = preview.people.slice(0, ROWS_SHOWN);
  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 8, minWidth: 0 }}>
      <Text role="status">
        {`${preview.source}: ${plural(fresh.length, "person", "people")} to add`}
        {inList ? `, ${plural(inList, "person", "people")} already in the list` : ""}
        {preview.errors.length ? `, ${plural(preview.errors.length, "row")} with a problem` : ""}.
      </Text>
      {preview.notes.map((note) => (
        <MessageBar key={note} intent="warning">
          <MessageBarBody>{note}</MessageBarBody>
        </MessageBar>
      ))}
      {preview.errors.length ? (
        <MessageBar intent="error">
          <MessageBarBody>
            <Text block weight="semibold">
              {preview.errors.length === 1 ? "This row can't be added; fix it in the file and import it again:" : `These ${preview.errors.length} rows can't be added; fix them in the file and import it again:`}
            </Text>
            <ul aria-label="Rows with a problem" style={{ margin: 0, paddingLeft: 16, maxHeight: 200, overflowY: "auto" }}>
              {preview.errors.map((r) => (
                <li key={r.row}>{r.error}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {preview.people.length === 0 ? (
        <Empty title="Nobody to add">{preview.errors.length ? "No row could be used." : "The file or team names nobody."}</Empty>
      ) : (
        <ScrollArea label="People to import" minWidth={420}>
          <Table size="small" aria-label="People to import">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Job title</TableHeaderCell>
                <TableHeaderCell>Note</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {shown.map((p) => (
                <TableRow key={p.userId}>
                  <TableCell>{p.displayName}</TableCell>
                  <TableCell>{p.jobTitle ?? ""}</TableCell>
                  <TableCell>{already.has(p.userId.toLowerCase()) ? "Already in the list" : p.otherCohorts?.length ? `Also in ${p.otherCohorts.join(", ")}` : ""}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {preview.people.length > shown.length ? <Text size={200}>{`And ${plural(preview.people.length - shown.length, "more person", "more people")}.`}</Text> : null}
        </ScrollArea>
      )}
      {inOthers ? (
        <Text size={200}>
          {`${plural(inOthers, "person is", "people are")} already in another cohort. That is fine: they get each cohort's cards, every card names its cohort, and answers count in that cohort only.`}
        </Text>
      ) : null}
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8 }}>
        <Button size="small" appearance="primary" disabled={fresh.length === 0} onClick={() => onAdd(fresh)}>
          {`Add ${plural(fresh.length, "person", "people")}`}
        </Button>
        <Button size="small" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
