/**
 * Where a cohort's shared wins are posted: one of the team channels where the app is installed
 * (the bot learns them when it is added to a team), or none, in which case wins are kept for the
 * facilitators' feed only.
 */
import { Field, Select } from "@fluentui/react-components";
import type { WinsChannelOption } from "../../../bot/src/contract/api-contract";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import { useApi } from "../useApi";

export interface ChannelRef {
  teamId: string;
  channelId: string;
  channelName?: string;
}

/** The select's value for a channel; "" is "none". */
export const channelKey = (c: ChannelRef | undefined): string => (c ? JSON.stringify([c.teamId, c.channelId]) : "");

export function channelFromKey(key: string): { teamId: string; channelId: string } | null {
  if (!key) return null;
  const [teamId, channelId] = JSON.parse(key) as [string, string];
  return { teamId, channelId };
}

const optionLabel = (c: WinsChannelOption) => `${c.teamName ?? "Team"} › ${c.channelName ?? "Channel"}`;

export function WinsChannelField({ value, current, onChange, validationMessage }: { value: string; current?: ChannelRef; onChange: (key: string) => void; validationMessage?: string }) {
  const [channels] = useApi<WinsChannelOption[]>(apiRoutes.winsChannels.url());
  const options = channels.state === "ready" ? channels.data : [];
  // A channel set earlier (by `create cohort` in Teams) stays on offer even if it is not listed.
  const currentMissing = current && !options.some((c) => channelKey(c) === channelKey(current));
  const hint =
    channels.state === "loading"
      ? "Loading the channels where Cohort Coach is installed…"
      : channels.state === "error"
        ? `The channels could not be loaded (${channels.error.message}); the current choice is kept.`
        : options.length === 0
          ? "Cohort Coach is not installed in any team yet. Add it to a team in Teams to post wins there."
          : "Wins members agree to share are posted here. Facilitators see them in the Programme tab either way.";
  return (
    <Field label="Wins channel" hint={hint} validationMessage={validationMessage} validationState={validationMessage ? "error" : "none"}>
      <Select root={{ style: { maxWidth: "100%", minWidth: 0 } }} style={{ minWidth: 0, maxWidth: "100%" }} value={value} onChange={(_e, d) => onChange(d.value)} disabled={channels.state !== "ready"}>
        <option value="">None: keep wins in the feed only</option>
        {currentMissing ? <option value={channelKey(current)}>{current.channelName ?? "The current channel"}</option> : null}
        {options.map((c) => (
          <option key={channelKey(c)} value={channelKey(c)}>
            {optionLabel(c)}
          </option>
        ))}
      </Select>
    </Field>
  );
}
