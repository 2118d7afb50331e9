/**
 * "Who needs help": the alerts not resolved yet, each with why, what the member wrote (their
 * words, as plain text), whether Teams delivered it to any facilitator, who is reaching out, a way
 * to open a chat with the member, and "Mark resolved" once they are unblocked.
 */
import { Badge, Button, Link, Text, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { OpenAlertDto } from "../../../bot/src/contract/api-contract";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import { api, ApiError } from "../api";
import { teamsChatOpener } from "./teams-chat";
import { Empty } from "./States";

const REASON: Record<OpenAlertDto["reason"], string> = {
  "asked-for-help": "Asked for help",
  "stuck-twice": "Stuck two check-ins in a row",
  "missed-two-checkins": "Missed two check-ins",
};

/** Teams' deep link to a 1:1 chat; works in a browser as well as inside Teams. */
export function teamsChatLink(user: string): string {
  return `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(user)}`;
}

export function HelpAlerts({ alerts, cohortId, onResolved }: { alerts: OpenAlertDto[]; cohortId: string; onResolved: () => void }) {
  const [resolving, setResolving] = useState<string>();
  const [problem, setProblem] = useState<{ alertId: string; message: string }>();
  const resolve = async (alert: OpenAlertDto) => {
    setResolving(alert.id);
    setProblem(undefined);
    try {
      await api.post(apiRoutes.resolveAlert.url({ cohortId, alertId: alert.id }), {});
      onResolved();
    } catch (err) {
      setProblem({ alertId: alert.id, message: err instanceof ApiError ? err.message : "Could not mark it resolved. Try again." });
    } finally {
      setResolving(undefined);
    }
  };
  return (
    <section aria-labelledby="who-needs-help">
      <Text as="h4" id="who-needs-help" size={400} weight="semibold" block>
        Who needs help
      </Text>
      {alerts.length === 0 ? (
        <Empty title="Nobody is waiting for a facilitator">Help requests and members who are stuck appear here.</Empty>
      ) : (
        <ul aria-label="Who needs help" style={{ listStyle: "none", padding: 0, margin: 0, display: "grid", gap: 12 }}>
          {alerts.map((a) => (
            <li key={a.id} style={{ borderLeft: `3px solid ${a.unreachedSince ? tokens.colorPaletteRedBorder2 : tokens.colorNeutralStroke1}`, paddingLeft: 12, minWidth: 0, overflowWrap: "anywhere" }}>
              <Text weight="semibold">{a.displayName}</Text>{" "}
              <Badge appearance="tint" color={a.reason === "asked-for-help" ? "danger" : "warning"}>
                {REASON[a.reason]}
              </Badge>
              <Text size={200} block>
                Session {a.sessionNumber}, {a.raisedAt.slice(0, 10)}
              </Text>
              {a.context ? (
                <Text block style={{ whiteSpace: "pre-wrap" }}>
                  <Text weight="semibold">{a.reason === "missed-two-checkins" ? "What happened: " : "What they wrote: "}</Text>
                  {a.context}
                </Text>
              ) : null}
              {a.takenByName ? (
                <Text size={200} block>
                  {a.takenByName} is reaching out.
                </Text>
              ) : null}
              {a.unreachedSince ? (
                <Text block weight="semibold" style={{ color: tokens.colorPaletteRedForeground1 }}>
                  Not delivered in Teams — reach out directly.
                </Text>
              ) : (
                <Text size={200} block>
                  Sent to the facilitators in Teams.
                </Text>
              )}
              <Link
                href={teamsChatLink(a.chatWith)}
                target="_blank"
                rel="noreferrer"
                onClick={(e) => {
                  const teams = teamsChatOpener();
                  if (!teams) return;
                  e.preventDefault();
                  void teams.open(a.chatWith).then((opened) => opened || window.open(teamsChatLink(a.chatWith), "_blank", "noreferrer"));
                }}
              >
                Chat with {a.displayName} in Teams
              </Link>
              <div style={{ marginTop: 6 }}>
                <Button size="small" disabled={resolving === a.id} onClick={() => void resolve(a)}>
                  {resolving === a.id ? "Marking resolved…" : "Mark resolved"}
                </Button>
              </div>
              {problem?.alertId === a.id ? (
                <Text block role="alert" style={{ color: tokens.colorPaletteRedForeground1 }}>
                  {problem.message}
                </Text>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
