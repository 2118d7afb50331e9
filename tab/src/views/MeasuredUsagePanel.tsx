/**
 * Measured Microsoft 365 Copilot usage in the organisation report: for each slice, the members
 * active in Copilot in the 28 days before weeks 4, 8 and 12 next to the self-reported figure (group
 * figures only, "fewer than 5" under the report's rules), or plainly why there are none. Admins
 * also get the switch, with what is read, what is stored and the permissions it needs.
 */
import { MessageBar, MessageBarBody, MessageBarTitle, Switch, Text } from "@fluentui/react-components";
import { useState } from "react";
import type { Aggregate, ImpactReportResponse, MeasuredUsageResponse, ReportFigures } from "../../../bot/src/contract/api-contract";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import { api, ApiError } from "../api";
import { formatAggregate } from "../components/AggregateValue";
import { ScrollArea } from "../components/Layout";
import { Failure, Loading } from "../components/States";
import { useApi } from "../useApi";

type Measured = NonNullable<ReportFigures["measured"]>;
const WEEKS = [4, 8, 12] as const;

export const CONCEALED_HELP =
  "Your organisation shows concealed user names in Microsoft 365 reports, so measured usage cannot be joined to cohort members. A Microsoft 365 admin can turn this off: Microsoft 365 admin center → Settings → Org settings → Services → Reports, then clear “Display concealed user, group, and site names in all reports”. The next daily read then joins usage.";

export default function MeasuredUsagePanel({ report, slice }: { report: ImpactReportResponse; slice: string }) {
  const admin = report.scope === "tenant";
  return (
    <section className="report-section" aria-labelledby="measured-usage-title" style={{ marginBottom: 24, minWidth: 0 }}>
      <Text as="h3" id="measured-usage-title" size={400} weight="semibold" block>
        Measured Copilot usage
      </Text>
      <MeasuredFigures report={report} slice={slice} admin={admin} />
      {admin ? <AdminSwitch /> : null}
    </section>
  );
}

function MeasuredFigures({ report, slice, admin }: { report: ImpactReportResponse; slice: string; admin: boolean }) {
  const measured = report.overall.measured;
  if (!measured) return <Text block>Not measured. {admin ? "You can turn it on below." : "An admin can turn it on."}</Text>;
  if (measured.status === "concealed") return <Notice title="Measured usage cannot be joined">{CONCEALED_HELP}</Notice>;
  if (measured.status === "not-consented") {
    return <Notice title="Waiting for admin consent">Microsoft Graph refused to read the Copilot usage report: the app’s permissions (Reports.Read.All and User.ReadBasic.All) have not been granted admin consent in your organisation yet. The daily read tries again every few hours.</Notice>;
  }
  if (measured.status === "on-waiting-for-first-read") return <Text block>Turned on. The first daily read of Microsoft’s usage report has not happened yet; figures appear after it.</Text>;

  const rows: Array<{ name: string; figures: ReportFigures }> = [
    { name: "All cohorts in this report", figures: report.overall },
    ...(slice === "cohort" ? report.byCohort.map((c) => ({ name: c.cohortName, figures: c.figures })) : []),
    ...(slice === "track" ? report.byTrack.map((t) => ({ name: t.trackName, figures: t.figures })) : []),
    ...(slice === "seniority" ? report.bySeniority.map((l) => ({ name: l.levelName, figures: l.figures })) : []),
  ];
  return (
    <>
      <Text size={200} block>
        Active in Copilot in the 28 days before each programme week, measured by Microsoft 365 (data up to {measured.dataThrough ?? "—"}; Microsoft’s data can be up to 72 hours old), next to what people said themselves. Members without a Copilot licence count as not active.
      </Text>
      <ScrollArea label="Measured Copilot usage by week" minWidth={360}>
        <table aria-label="Measured and self-reported usage">
          <thead>
            <tr>
              <th scope="col">Slice</th>
              {WEEKS.map((w) => <th key={w} scope="col">Week {w}: measured · said</th>)}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.name}>
                <th scope="row">{r.name}</th>
                {WEEKS.map((w) => <td key={w}>{measuredCell(r.figures.measured, w)} · {selfReported(r.figures, w)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollArea>
    </>
  );
}

function measuredCell(measured: Measured | undefined, week: number): string {
  const w = measured?.weeks.find((x) => x.week === week);
  if (!w || w.cohortsCounted === 0) return w && w.cohortsPending > 0 ? "not yet" : "not measured";
  return w.share.suppressed ? "fewer than 5" : `${formatAggregate(w.share, "share")} (${w.active.value})`;
}

function selfReported(figures: ReportFigures, week: number): string {
  const a: Aggregate | undefined = figures.adoption.find((p) => p.week === week)?.after;
  return !a || a.suppressed ? "fewer than 5" : formatAggregate(a, "share");
}

function Notice({ title, children }: { title: string; children: string }) {
  return (
    <MessageBar intent="warning" layout="multiline" style={{ margin: "8px 0" }}>
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {children}
      </MessageBarBody>
    </MessageBar>
  );
}

const STATE_TEXT: Record<MeasuredUsageResponse["state"], string> = {
  off: "Off.",
  "on-waiting-for-first-read": "On: waiting for the first daily read.",
  on: "On.",
  "not-consented": "On, but Microsoft Graph refused: admin consent has not been granted yet.",
  concealed: "On, but your organisation conceals user names in reports: nothing can be joined.",
};

function AdminSwitch() {
  const [settings, reload] = useApi<MeasuredUsageResponse>(apiRoutes.measuredUsage.url());
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError>();
  if (settings.state === "loading") return <Loading label="Loading the measured usage setting" />;
  if (settings.state === "error") return <Failure error={settings.error} onRetry={reload} />;
  const s = settings.data;
  const change = async (enabled: boolean) => {
    setSaving(true);
    setError(undefined);
    try {
      await api.put(apiRoutes.saveMeasuredUsage.url(), { enabled });
      reload();
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else throw err;
    } finally {
      setSaving(false);
    }
  };
  return (
    <div role="group" aria-label="Measured usage setting" style={{ marginTop: 12, minWidth: 0 }}>
      <Text weight="semibold" block>For admins</Text>
      <ul style={{ paddingLeft: 20 }}>
        <li>What is read: once a day, Microsoft 365’s Copilot usage report (last 30 days) through Microsoft Graph, and the user principal names of cohort members to join it.</li>
        <li>What is stored: for each cohort member, only the dates Copilot was last used, for at most 120 days. No names, no report, no prompts. Turning it off deletes them.</li>
        <li>Who sees it: group figures of 5 or more only. No one sees a person’s measured usage.</li>
        <li>
          Permissions (application, admin consent): Reports.Read.All to read the usage report, User.ReadBasic.All to match members. A Global or Privileged Role Administrator grants them in the Microsoft Entra admin center → Enterprise applications → Cohort Coach → Permissions → “Grant admin consent”. Turn this on only after that.
        </li>
      </ul>
      <Text block>State: {STATE_TEXT[s.state]}{s.lastReadAt ? ` Last read ${s.lastReadAt.slice(0, 10)}.` : ""}{s.reportRefreshDate ? ` Data up to ${s.reportRefreshDate}${s.dataIsOld ? " (older than 3 days)" : ""}.` : ""}</Text>
      {s.state === "concealed" ? <Notice title="Names are concealed">{CONCEALED_HELP}</Notice> : null}
      {!s.available ? <Text block>This installation does not read Microsoft Graph (MEASURED_USAGE_ENABLED is off), so it cannot be turned on here.</Text> : null}
      <Switch label="Measure Copilot usage" checked={s.enabled} disabled={saving || (!s.available && !s.enabled)} onChange={(_e, d) => void change(d.checked)} />
      {error ? <Failure error={error} /> : null}
    </div>
  );
}
