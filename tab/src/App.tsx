/**
 * The tab shell: Fluent UI following the Teams theme, signed in with Teams SSO (or, in a plain
 * browser in local mode, a demo sign-in), and one lazily loaded view per tab.
 */
import { FluentProvider, Tab, TabList, Text, teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, tokens } from "@fluentui/react-components";
import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import type { MeResponse } from "../../bot/src/contract/api-contract";
import { setTokenSource } from "./api";
import { Failure, Loading } from "./components/States";
import { getTeamsToken, initialiseTeams, type TeamsTheme } from "./teams";
import { browserTheme } from "./theme";
import { useApi } from "./useApi";
import { SignInView } from "./views/SignInView";
import { apiRoutes } from "../../bot/src/contract/api-routes";

const ProgrammeView = lazy(() => import("./views/ProgrammeView"));
const LeadershipView = lazy(() => import("./views/LeadershipView"));
const QuestionsView = lazy(() => import("./views/QuestionsView"));
const PolicyView = lazy(() => import("./views/PolicyView"));
const CohortsView = lazy(() => import("./views/CohortsView"));
const MyDataView = lazy(() => import("./views/MyDataView"));
const ConfigureView = lazy(() => import("./views/ConfigureView"));
const ReportView = lazy(() => import("./views/ReportView"));
const TracksView = lazy(() => import("./views/TracksView"));
const CalendarView = lazy(() => import("./views/CalendarView"));
const LiveSessionsView = lazy(() => import("./views/LiveSessionsView"));

/** The channel tab's configuration page (the manifest's configurationUrl). */
const isConfigurePage = () => /^\/tab\/configure\/?$/.test(window.location.pathname);

type ViewId = "programme" | "leadership" | "report" | "questions" | "live-sessions" | "policy" | "cohorts" | "tracks" | "calendar" | "my-data";
const THEMES = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };
const LOCAL_TOKEN_KEY = "cohort-coach.local-token";

function initialView(): ViewId {
  const segment = window.location.pathname.replace(/^\/tab\/?/, "").split("/")[0] as ViewId;
  return (["programme", "leadership", "report", "questions", "live-sessions", "policy", "cohorts", "tracks", "calendar", "my-data"] as const).includes(segment) ? segment : "programme";
}

export function App() {
  const [theme, setTheme] = useState<TeamsTheme>(browserTheme);
  const [auth, setAuth] = useState<"starting" | "teams" | "local" | "signed-out">("starting");

  // Native controls (date and time pickers, scrollbars) draw themselves light unless told otherwise.
  useEffect(() => {
    document.documentElement.style.colorScheme = theme === "default" ? "light" : "dark";
    document.body.style.margin = "0";
    document.body.style.background = THEMES[theme].colorNeutralBackground2;
  }, [theme]);

  useEffect(() => {
    void initialiseTeams(setTheme).then((inTeams) => {
      if (inTeams) {
        setTokenSource(getTeamsToken);
        setAuth("teams");
        return;
      }
      const token = sessionStorage.getItem(LOCAL_TOKEN_KEY);
      if (token) {
        setTokenSource(async () => token);
        setAuth("local");
      } else setAuth("signed-out");
    });
  }, []);

  const signOut = () => {
    sessionStorage.removeItem(LOCAL_TOKEN_KEY);
    setTokenSource(undefined);
    setAuth("signed-out");
  };

  return (
    <FluentProvider theme={THEMES[theme]} style={{ minHeight: "100vh", background: tokens.colorNeutralBackground2 }}>
      {auth === "starting" ? <Loading label="Starting Cohort Coach" /> : null}
      {auth === "signed-out" ? (
        <SignInView
          onSignedIn={(token) => {
            sessionStorage.setItem(LOCAL_TOKEN_KEY, token);
            setTokenSource(async () => token);
            setAuth("local");
          }}
        />
      ) : null}
      {auth === "teams" || auth === "local" ? <SignedIn onSignOut={auth === "local" ? signOut : undefined} /> : null}
    </FluentProvider>
  );
}

function SignedIn({ onSignOut }: { onSignOut?: () => void }) {
  const [me, reload] = useApi<MeResponse>(apiRoutes.me.url());
  const [view, setView] = useState<ViewId>(initialView);
  const tabs = useMemo(() => {
    if (me.state !== "ready") return [];
    const staff = me.data.roles.includes("admin") || me.data.roles.includes("facilitator");
    return [
      { id: "programme" as const, label: "Programme" },
      { id: "leadership" as const, label: "Leadership" },
      // Leaders are members too: the report itself tells a member who leads nothing that it is not for them.
      // Members see only their own figures elsewhere: the report is for staff and leaders.
      ...(staff || (me.data.leaderOf?.length ?? 0) > 0 ? [{ id: "report" as const, label: "Report" }] : []),
      ...(staff ? [{ id: "questions" as const, label: "Questions" }] : []),
      ...(staff ? [{ id: "live-sessions" as const, label: "Live sessions" }] : []),
      { id: "policy" as const, label: "AI-use policy" },
      ...(me.data.roles.includes("admin") ? [{ id: "cohorts" as const, label: "Cohorts" }] : []),
      ...(me.data.roles.includes("admin") ? [{ id: "tracks" as const, label: "Tracks" }] : []),
      ...(me.data.roles.includes("admin") ? [{ id: "calendar" as const, label: "Calendar" }] : []),
      { id: "my-data" as const, label: "My data" },
    ];
  }, [me]);

  if (me.state === "loading") return <Loading label="Signing you in" />;
  if (me.state === "error") {
    if (me.error.status === 401 && onSignOut) onSignOut();
    return <Failure error={me.error} onRetry={reload} />;
  }
  if (isConfigurePage())
    return (
      <main style={{ padding: "8px 16px 32px" }}>
        <Suspense fallback={<Loading label="Loading" />}>
          <ConfigureView />
        </Suspense>
      </main>
    );
  const selected = tabs.some((t) => t.id === view) ? view : "programme";
  return (
    <div style={{ maxWidth: 1200, margin: "0 auto", padding: "8px 16px 32px", overflowWrap: "break-word" }}>
      <header style={{ display: "flex", flexWrap: "wrap", alignItems: "center", justifyContent: "space-between", gap: 8 }}>
        <Text as="h1" size={500} weight="semibold">
          Cohort Coach
        </Text>
        <Text size={200}>
          {me.data.displayName}
          {onSignOut ? (
            <>
              {" · "}
              <a href="#" onClick={(e) => { e.preventDefault(); onSignOut(); }}>Switch person</a>
            </>
          ) : null}
        </Text>
      </header>
      <nav aria-label="Cohort Coach sections">
        <TabList selectedValue={selected} onTabSelect={(_e, data) => setView(data.value as ViewId)} style={{ flexWrap: "wrap" }}>
          {tabs.map((t) => (
            <Tab key={t.id} value={t.id}>
              {t.label}
            </Tab>
          ))}
        </TabList>
      </nav>
      <main aria-live="polite" style={{ marginTop: 16 }}>
        <Suspense fallback={<Loading label="Loading" />}>
          {selected === "programme" ? <ProgrammeView me={me.data} /> : null}
          {selected === "leadership" ? <LeadershipView me={me.data} /> : null}
          {selected === "report" ? <ReportView /> : null}
          {selected === "questions" ? <QuestionsView /> : null}
          {selected === "live-sessions" ? <LiveSessionsView /> : null}
          {selected === "policy" ? <PolicyView me={me.data} /> : null}
          {selected === "cohorts" ? <CohortsView /> : null}
          {selected === "tracks" ? <TracksView /> : null}
          {selected === "calendar" ? <CalendarView /> : null}
          {selected === "my-data" ? <MyDataView /> : null}
        </Suspense>
      </main>
    </div>
  );
}
