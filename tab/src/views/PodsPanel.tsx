/**
 * Practice pods for a cohort's staff: each pod's members, whether its Teams group chat is ready,
 * how active it is this week (a message count: the bot never reads or keeps what pods write) and
 * how many "try it together" exercises it was sent; and splitting the cohort into pods of 4 to 6
 * automatically, mixing confidence levels, after a confirmation.
 */
import {
  Badge,
  Button,
  Card,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import type { PodDto, PodsResponse } from "../../../bot/src/contract/live-sessions-contract";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import { api, ApiError } from "../api";
import { Empty, Failure, Loading } from "../components/States";
import { useApi } from "../useApi";

export function PodsPanel({ cohortId }: { cohortId: string }) {
  const [loaded, reload] = useApi<PodsResponse>(apiRoutes.pods.url({ cohortId }));
  const [saved, setSaved] = useState<PodsResponse | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);

  async function splitAutomatically() {
    setBusy(true);
    setError(undefined);
    try {
      setSaved(await api.put<PodsResponse>(apiRoutes.savePods.url({ cohortId }), { mode: "auto" }));
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, "Something went wrong."));
    } finally {
      setBusy(false);
    }
  }

  const data = saved?.cohortId === cohortId ? saved : loaded.state === "ready" ? loaded.data : undefined;
  return (
    <section aria-labelledby="pods-title" style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 12, minWidth: 0, marginTop: 24 }}>
      <Text as="h3" id="pods-title" size={400} weight="semibold" block>
        Practice pods
      </Text>
      <Text size={200} block>
        Small groups of 4 to 6 who try each week’s exercise together in their own Teams group chat. You see how many messages each chat has, never what was written.
      </Text>
      {loaded.state === "loading" && !data ? <Loading label="Loading pods…" /> : null}
      {loaded.state === "error" && !data ? <Failure error={loaded.error} onRetry={reload} /> : null}
      {error ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>{error.status === 409 ? "Cannot split again" : "Not split"}</MessageBarTitle>
            {error.message}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {data ? <PodsBody data={data} busy={busy} onSplit={splitAutomatically} /> : null}
    </section>
  );
}

function PodsBody({ data, busy, onSplit }: { data: PodsResponse; busy: boolean; onSplit: () => void }) {
  if (data.liveSessions === "off") {
    return <Empty title="Pods are not available">Practice pods meet in Teams group chats, which come with live sessions. Live sessions are not turned on for your organisation.</Empty>;
  }
  const canSplit = data.pods.length === 0 || data.pods.every((p) => p.chat === "failed");
  return (
    <>
      {data.liveSessions === "not-consented" ? (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>Waiting for admin consent</MessageBarTitle>
            Teams refused the app’s request: an admin must grant its permissions before pod chats can be created.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {data.pods.length === 0 ? (
        <Empty title="No pods yet">Split the cohort into pods and each pod gets its own Teams group chat with Cohort Coach in it, and the week’s exercise on each session day.</Empty>
      ) : (
        <ul aria-label="Pods" style={{ listStyle: "none", margin: 0, padding: 0, display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 12, minWidth: 0 }}>
          {data.pods.map((pod) => (
            <li key={pod.id} aria-label={pod.name} style={{ minWidth: 0 }}>
              <PodCard pod={pod} />
            </li>
          ))}
        </ul>
      )}
      {data.unassigned.length > 0 && data.pods.length > 0 ? (
        <Text size={200} block>
          Not in a pod ({data.unassigned.length}): {data.unassigned.map((m) => m.displayName).join(", ")}. They joined after the split.
        </Text>
      ) : null}
      {canSplit ? <SplitButton busy={busy} again={data.pods.length > 0} onConfirm={onSplit} members={data.unassigned.length + data.pods.reduce((n, p) => n + p.members.length, 0)} /> : null}
    </>
  );
}

const CHAT_LABEL: Record<PodDto["chat"], { text: string; color: "success" | "informative" | "danger" }> = {
  ready: { text: "Chat ready", color: "success" },
  creating: { text: "Creating chat…", color: "informative" },
  failed: { text: "Chat failed", color: "danger" },
};

function PodCard({ pod }: { pod: PodDto }) {
  const chat = CHAT_LABEL[pod.chat];
  return (
    <Card style={{ minWidth: 0 }}>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center", minWidth: 0 }}>
        <Text as="h4" weight="semibold" size={300}>
          {pod.name}
        </Text>
        <Badge appearance="tint" color={chat.color}>
          {chat.text}
        </Badge>
      </div>
      {pod.problem ? (
        <Text size={200} block style={{ color: tokens.colorPaletteRedForeground1, overflowWrap: "anywhere" }}>
          {pod.problem}
        </Text>
      ) : null}
      <Text block style={{ overflowWrap: "anywhere" }}>
        {pod.members.map((m) => m.displayName).join(", ") || "No current members"}
      </Text>
      <Text size={200} block>
        Active this week: {pod.activity.thisWeek} {pod.activity.thisWeek === 1 ? "message" : "messages"} · {pod.activity.total} in all
        {pod.activity.lastActiveOn ? ` · last on ${pod.activity.lastActiveOn}` : ""}
      </Text>
      <Text size={200} block>
        Exercises posted: {pod.exercisesPosted}
      </Text>
    </Card>
  );
}

function SplitButton({ busy, again, members, onConfirm }: { busy: boolean; again: boolean; members: number; onConfirm: () => void }) {
  return (
    <Dialog>
      <DialogTrigger disableButtonEnhancement>
        <Button appearance="primary" disabled={busy} style={{ justifySelf: "start" }}>
          {busy ? "Splitting…" : "Split into pods automatically"}
        </Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Split the cohort into pods?</DialogTitle>
          <DialogContent>
            {again ? "The failed pods are replaced. " : ""}
            The {members} members are split into pods of 4 to 6, each mixing more and less confident people. Each pod then gets a Teams group chat with everyone in it and Cohort Coach. Once the chats exist, the pods cannot be split again.
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary">Cancel</Button>
            </DialogTrigger>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="primary" onClick={onConfirm}>
                Split into pods
              </Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
