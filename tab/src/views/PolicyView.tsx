/** The AI-use policy: everyone reads it and what changed; admins edit and publish, without losing a draft to a conflict. */
import { Button, Card, Field, MessageBar, MessageBarBody, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Textarea, Input, Title3 } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { AcknowledgementRatesResponse, MeResponse, PolicyPreviewResponse, PolicyResponse, PolicySectionChange, PolicyTextChange } from "../../../bot/src/contract/api-contract";
import type { PolicySections } from "../../../bot/src/domain/types";
import { api, ApiError, issuesFor, otherIssues } from "../api";
import { formatAggregate } from "../components/AggregateValue";
import { ScrollArea } from "../components/Layout";
import { Empty, Failure, Loading } from "../components/States";
import { useApi } from "../useApi";
import { apiRoutes } from "../../../bot/src/contract/api-routes";

const SECTIONS: Array<[keyof PolicySections, string]> = [
  ["allowedUses", "Allowed uses"],
  ["notAllowed", "Not allowed"],
  ["dataHandling", "Data handling"],
  ["approvedTools", "Approved tools"],
];
const DRAFT_KEY = "cohort-coach.policy-draft";

interface Draft {
  basedOnVersion: number;
  title: string;
  summary: string;
  sections: Record<keyof PolicySections, string>;
}

export default function PolicyView({ me }: { me: MeResponse }) {
  const [policy, reload] = useApi<PolicyResponse>(apiRoutes.policy.url());
  // Kept here, not in the editor: the reload after publishing replaces the editor while it loads.
  const [publishedVersion, setPublishedVersion] = useState<number>();
  const isAdmin = me.roles.includes("admin");
  const staff = isAdmin || me.roles.includes("facilitator");
  if (policy.state === "loading") return <Loading label="Loading the AI-use policy" />;
  if (policy.state === "error") return <Failure error={policy.error} onRetry={reload} />;
  const { current, changes } = policy.data;
  const textChanges = policy.data.textChanges ?? [];
  return (
    <section aria-labelledby="policy-heading" style={{ display: "grid", gap: 16 }}>
      <Title3 as="h2" id="policy-heading">
        AI-use policy
      </Title3>
      {!current ? (
        <Empty title="No policy published yet">{isAdmin ? "Publish the first version below; members are asked to acknowledge it before their first session." : "Your organisation has not published one yet."}</Empty>
      ) : (
        <Card>
          <Text as="h3" size={500} weight="semibold">
            {current.title}
          </Text>
          <Text size={200}>
            Version {current.version}, published {current.publishedAt.slice(0, 10)}
            {policy.data.acknowledgedByYou ? " · you have acknowledged it" : ""}
          </Text>
          <Text block>{current.summary}</Text>
          {(changes.length || textChanges.length) && current.version > 1 ? (
            <MessageBar intent="info" layout="multiline">
              <MessageBarBody>
                <strong>What changed since version {current.version - 1}: </strong>
                {describeChanges(textChanges, changes).join("; ")}
              </MessageBarBody>
            </MessageBar>
          ) : null}
          {SECTIONS.map(([key, label]) => (
            <div key={key}>
              <Text as="h4" weight="semibold" block>
                {label}
              </Text>
              <ul>
                {current.sections[key].map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            </div>
          ))}
        </Card>
      )}
      {staff && current ? <AcknowledgementRates /> : null}
      {isAdmin ? (
        <PolicyEditor
          current={policy.data}
          publishedVersion={publishedVersion}
          onPublished={(version) => {
            setPublishedVersion(version);
            reload();
          }}
          onRebased={() => {
            setPublishedVersion(undefined);
            reload();
          }}
        />
      ) : null}
    </section>
  );
}

function AcknowledgementRates() {
  const [rates, reload] = useApi<AcknowledgementRatesResponse>(apiRoutes.policyAcknowledgements.url());
  if (rates.state === "loading") return <Loading label="Loading acknowledgement rates" />;
  if (rates.state === "error") return <Failure error={rates.error} onRetry={reload} />;
  return (
    <Card>
      <Text as="h3" weight="semibold">
        Acknowledgement of version {rates.data.version}
      </Text>
      <ScrollArea label="Acknowledgement rate per cohort (scrolls sideways on narrow screens)" minWidth={320}>
      <Table aria-label="Acknowledgement rate per cohort" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Cohort</TableHeaderCell>
            <TableHeaderCell style={{ width: 90 }}>Members</TableHeaderCell>
            <TableHeaderCell style={{ width: 124 }}>Acknowledged</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rates.data.cohorts.map((c) => (
            <TableRow key={c.cohortId}>
              <TableCell>{c.cohortName}</TableCell>
              <TableCell>{c.memberCount}</TableCell>
              <TableCell data-testid={`ack-${c.cohortId}`}>{formatAggregate(c.acknowledged, "share")}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      </ScrollArea>
    </Card>
  );
}

const SECTION_LABELS = Object.fromEntries(SECTIONS) as Record<keyof PolicySections, string>;

/** Every change as a phrase: a rewritten title or summary, then items added or removed per section. */
export function describeChanges(text: PolicyTextChange[], sections: PolicySectionChange[]): string[] {
  return [
    ...text.map((t) => (t.field === "title" ? `title is now “${t.after}”` : `summary rewritten: “${t.after}”`)),
    ...sections.flatMap((c) => [...c.added.map((a) => `added to ${SECTION_LABELS[c.section]}: “${a}”`), ...c.removed.map((r) => `removed from ${SECTION_LABELS[c.section]}: “${r}”`)]),
  ];
}

function draftFrom(policy: PolicyResponse): Draft {
  const saved = sessionStorage.getItem(DRAFT_KEY);
  if (saved) return JSON.parse(saved) as Draft;
  const c = policy.current;
  return {
    basedOnVersion: c?.version ?? 0,
    title: c?.title ?? "Using AI at work",
    summary: c?.summary ?? "",
    sections: Object.fromEntries(SECTIONS.map(([key]) => [key, (c?.sections[key] ?? []).join("\n")])) as Draft["sections"],
  };
}

type EditorStatus =
  | { kind: "idle" | "previewing" | "publishing" }
  | { kind: "confirm"; preview: PolicyPreviewResponse }
  | { kind: "error"; error: ApiError };

const FIELD_NAMES = ["title", "summary", ...SECTIONS.map(([key]) => `sections.${key}`)];

function PolicyEditor({ current, publishedVersion, onPublished, onRebased }: { current: PolicyResponse; publishedVersion?: number; onPublished: (version: number) => void; onRebased: () => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftFrom(current));
  const [status, setStatus] = useState<EditorStatus>({ kind: "idle" });
  // A success message belongs to the publish that caused it: a new attempt or an edit hides it.
  const [showPublished, setShowPublished] = useState(true);
  useEffect(() => sessionStorage.setItem(DRAFT_KEY, JSON.stringify(draft)), [draft]);
  const edit = (next: Draft) => {
    setDraft(next);
    setShowPublished(false);
    if (status.kind === "confirm") setStatus({ kind: "idle" });
  };

  const body = () => ({ ...draft, sections: Object.fromEntries(SECTIONS.map(([key]) => [key, draft.sections[key].split("\n").map((s) => s.trim()).filter(Boolean)])) });
  const failed = (err: unknown, fallback: string) => setStatus({ kind: "error", error: err instanceof ApiError ? err : new ApiError(0, fallback) });

  /** Step one: ask the server what publishing would change and whom it would ask again. */
  const preview = async () => {
    setShowPublished(false);
    setStatus({ kind: "previewing" });
    try {
      setStatus({ kind: "confirm", preview: await api.post<PolicyPreviewResponse>(apiRoutes.policyPreview.url(), body()) });
    } catch (err) {
      failed(err, "Could not check the draft.");
    }
  };

  /** Step two, once confirmed: publish. */
  const publish = async () => {
    setStatus({ kind: "publishing" });
    try {
      const published = await api.post<{ version: number }>(apiRoutes.publishPolicy.url(), body());
      sessionStorage.removeItem(DRAFT_KEY);
      setStatus({ kind: "idle" });
      setShowPublished(true);
      setDraft({ ...draft, basedOnVersion: published.version });
      onPublished(published.version);
    } catch (err) {
      // The draft stays exactly as typed: on a conflict the admin reviews the new version and publishes again.
      failed(err, "Publishing failed.");
    }
  };

  const rebase = async () => {
    const latest = await api.get<PolicyResponse>(apiRoutes.policy.url());
    setDraft({ ...draft, basedOnVersion: latest.current?.version ?? 0 });
    setStatus({ kind: "idle" });
    onRebased();
  };

  const error = status.kind === "error" ? status.error : undefined;
  const check = (field: string) => {
    const message = issuesFor(error, field);
    return { validationMessage: message, validationState: message ? ("error" as const) : ("none" as const) };
  };
  const rest = otherIssues(error, FIELD_NAMES);
  const busy = status.kind === "previewing" || status.kind === "publishing";

  return (
    <Card>
      <Text as="h3" size={500} weight="semibold">
        Edit and publish a new version
      </Text>
      <Text size={200}>Based on version {draft.basedOnVersion}. Publishing asks every member to acknowledge the new version; you see what changes and how many people that is before you confirm.</Text>
      <Field label="Title" required {...check("title")}>
        <Input value={draft.title} onChange={(_e, d) => edit({ ...draft, title: d.value })} />
      </Field>
      <Field label="Summary (two sentences)" required {...check("summary")}>
        <Textarea value={draft.summary} onChange={(_e, d) => edit({ ...draft, summary: d.value })} />
      </Field>
      {SECTIONS.map(([key, label]) => (
        <Field key={key} label={`${label} (one item per line)`} required {...check(`sections.${key}`)}>
          <Textarea rows={4} value={draft.sections[key]} onChange={(_e, d) => edit({ ...draft, sections: { ...draft.sections, [key]: d.value } })} />
        </Field>
      ))}
      {error ? (
        <MessageBar intent={error.status === 409 ? "warning" : "error"} role="alert">
          <MessageBarBody>{error.issues.length > rest.length ? (rest.length ? rest.join(" ") : "Some details need fixing: see the messages by the fields above.") : error.message}</MessageBarBody>
        </MessageBar>
      ) : null}
      {status.kind === "idle" && publishedVersion && showPublished ? (
        <MessageBar intent="success" role="status">
          <MessageBarBody>Version {publishedVersion} is published. Members will be asked to acknowledge it.</MessageBarBody>
        </MessageBar>
      ) : null}
      {status.kind === "confirm" ? <ConfirmPublish preview={status.preview} onConfirm={() => void publish()} onCancel={() => setStatus({ kind: "idle" })} /> : null}
      {status.kind !== "confirm" ? (
        <div style={{ display: "flex", flexWrap: "wrap", gap: 8 }}>
          <Button appearance="primary" disabled={busy} onClick={() => void preview()}>
            {status.kind === "previewing" ? "Checking…" : status.kind === "publishing" ? "Publishing…" : "Publish new version"}
          </Button>
          {error?.status === 409 ? <Button onClick={() => void rebase()}>Keep my draft, based on the latest version</Button> : null}
        </div>
      ) : null}
    </Card>
  );
}

/** The confirm step: what changes, and how many people will be asked to acknowledge again. */
function ConfirmPublish({ preview, onConfirm, onCancel }: { preview: PolicyPreviewResponse; onConfirm: () => void; onCancel: () => void }) {
  if (preview.unchanged)
    return (
      <MessageBar intent="warning" role="alert">
        <MessageBarBody>Nothing has changed since version {preview.currentVersion}. Edit the title, summary or a section first: publishing the same words again would ask everyone to acknowledge them again.</MessageBarBody>
      </MessageBar>
    );
  const changes = describeChanges(preview.textChanges, preview.changes);
  const people = `${preview.membersToAsk} ${preview.membersToAsk === 1 ? "person" : "people"}`;
  return (
    <section aria-label="Check before publishing" style={{ display: "grid", gap: 8 }}>
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <strong>Publishing version {preview.nextVersion} will ask {people} to acknowledge the policy again.</strong>
          {preview.currentVersion > 0 ? (
            <>
              {" "}What changes since version {preview.currentVersion}:
              <ul aria-label="What changes">
                {changes.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </>
          ) : null}
        </MessageBarBody>
      </MessageBar>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8 }}>
        <Button appearance="primary" onClick={onConfirm}>
          Publish version {preview.nextVersion}
        </Button>
        <Button onClick={onCancel}>Keep editing</Button>
      </div>
    </section>
  );
}
