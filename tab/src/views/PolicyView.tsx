/** The AI-use policy: everyone reads it and what changed; admins edit and publish, without losing a draft to a conflict. */
import { Button, Card, Field, MessageBar, MessageBarBody, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Textarea, Input, Title3 } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { AcknowledgementRatesResponse, MeResponse, PolicyResponse } from "../../../bot/src/api/contract";
import type { PolicySections } from "../../../bot/src/domain/types";
import { api, ApiError } from "../api";
import { formatAggregate } from "../components/AggregateValue";
import { ScrollArea } from "../components/Layout";
import { Empty, Failure, Loading } from "../components/States";
import { useApi } from "../useApi";

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
  const [policy, reload] = useApi<PolicyResponse>("/api/policy");
  // Kept here, not in the editor: the reload after publishing replaces the editor while it loads.
  const [publishedVersion, setPublishedVersion] = useState<number>();
  const isAdmin = me.roles.includes("admin");
  const staff = isAdmin || me.roles.includes("facilitator");
  if (policy.state === "loading") return <Loading label="Loading the AI-use policy" />;
  if (policy.state === "error") return <Failure error={policy.error} onRetry={reload} />;
  const { current, changes } = policy.data;
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
          {changes.length && current.version > 1 ? (
            <MessageBar intent="info">
              <MessageBarBody>
                <strong>What changed since version {current.version - 1}: </strong>
                {changes.flatMap((c) => [...c.added.map((a) => `added “${a}”`), ...c.removed.map((r) => `removed “${r}”`)]).join("; ")}
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
  const [rates, reload] = useApi<AcknowledgementRatesResponse>("/api/policy/acknowledgements");
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

function PolicyEditor({ current, publishedVersion, onPublished, onRebased }: { current: PolicyResponse; publishedVersion?: number; onPublished: (version: number) => void; onRebased: () => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftFrom(current));
  const [status, setStatus] = useState<{ kind: "idle" | "publishing" } | { kind: "error"; error: ApiError }>({ kind: "idle" });
  useEffect(() => sessionStorage.setItem(DRAFT_KEY, JSON.stringify(draft)), [draft]);

  const publish = async () => {
    setStatus({ kind: "publishing" });
    try {
      const body = { ...draft, sections: Object.fromEntries(SECTIONS.map(([key]) => [key, draft.sections[key].split("\n").map((s) => s.trim()).filter(Boolean)])) };
      const published = await api.post<{ version: number }>("/api/policy", body);
      sessionStorage.removeItem(DRAFT_KEY);
      setStatus({ kind: "idle" });
      setDraft({ ...draft, basedOnVersion: published.version });
      onPublished(published.version);
    } catch (err) {
      // The draft stays exactly as typed: on a conflict the admin reviews the new version and publishes again.
      setStatus({ kind: "error", error: err instanceof ApiError ? err : new ApiError(0, "Publishing failed.") });
    }
  };

  const rebase = async () => {
    const latest = await api.get<PolicyResponse>("/api/policy");
    setDraft({ ...draft, basedOnVersion: latest.current?.version ?? 0 });
    setStatus({ kind: "idle" });
    onRebased();
  };

  return (
    <Card>
      <Text as="h3" size={500} weight="semibold">
        Edit and publish a new version
      </Text>
      <Text size={200}>Based on version {draft.basedOnVersion}. Publishing asks every member to acknowledge the new version.</Text>
      <Field label="Title" required>
        <Input value={draft.title} onChange={(_e, d) => setDraft({ ...draft, title: d.value })} />
      </Field>
      <Field label="Summary (two sentences)" required>
        <Textarea value={draft.summary} onChange={(_e, d) => setDraft({ ...draft, summary: d.value })} />
      </Field>
      {SECTIONS.map(([key, label]) => (
        <Field key={key} label={`${label} (one item per line)`} required>
          <Textarea rows={4} value={draft.sections[key]} onChange={(_e, d) => setDraft({ ...draft, sections: { ...draft.sections, [key]: d.value } })} />
        </Field>
      ))}
      {status.kind === "error" ? (
        <MessageBar intent={status.error.status === 409 ? "warning" : "error"} role="alert">
          <MessageBarBody>
            {status.error.message}
            {status.error.issues.length ? ` (${status.error.issues.map((i) => `${i.field}: ${i.message}`).join("; ")})` : ""}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {status.kind === "idle" && publishedVersion ? (
        <MessageBar intent="success" role="status">
          <MessageBarBody>Version {publishedVersion} is published. Members will be asked to acknowledge it.</MessageBarBody>
        </MessageBar>
      ) : null}
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8 }}>
        <Button appearance="primary" disabled={status.kind === "publishing"} onClick={() => void publish()}>
          {status.kind === "publishing" ? "Publishing…" : "Publish new version"}
        </Button>
        {status.kind === "error" && status.error.status === 409 ? <Button onClick={() => void rebase()}>Keep my draft, based on the latest version</Button> : null}
      </div>
    </Card>
  );
}
