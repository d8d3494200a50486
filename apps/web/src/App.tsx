import { Navigate, Route, Routes } from "react-router-dom";
import { Layout } from "./Layout";
import { StreamContext, useStreamFor } from "./live";
import { homeOf, useMe, useToken } from "./me";
import { ApprovalInbox } from "./pages/ApprovalInbox";
import { AssignmentInbox } from "./pages/AssignmentInbox";
import { Board } from "./pages/Board";
import { Delegations } from "./pages/Delegations";
import { Audit } from "./pages/directory/Audit";
import { ImportExport } from "./pages/directory/ImportExport";
import { OrgList } from "./pages/directory/OrgList";
import { OrgPage } from "./pages/directory/OrgPage";
import { PeopleList } from "./pages/directory/PeopleList";
import { PersonPage } from "./pages/directory/PersonPage";
import { MeFailed } from "./pages/NotInDirectory";
import { NotificationPrefs } from "./pages/NotificationPrefs";
import { Overview } from "./pages/Overview";
import { PlanDraft } from "./pages/PlanDraft";
import { Search } from "./pages/Search";
import { Status } from "./pages/Status";
import { TaskPage } from "./pages/TaskPage";
import { SignedOutRoutes } from "./SignedOutRoutes";

/** Signed out: only the sign-in page. Signed in: the inboxes, starting at the role's own. */
export function App() {
  const token = useToken();
  const stream = useStreamFor(token);
  return (
    <StreamContext.Provider value={stream}>
      <Pages token={token} />
    </StreamContext.Provider>
  );
}

function Pages({ token }: { token: string | null }) {
  const me = useMe();
  if (token === null) {
    return (
      <Layout>
        <SignedOutRoutes />
      </Layout>
    );
  }
  if (!me.data) return <Layout>{me.error ? <MeFailed error={me.error} /> : <Status />}</Layout>;
  return (
    <Layout me={me.data}>
      <Routes>
        <Route path="/approvals" element={<ApprovalInbox />} />
        <Route path="/assignments" element={<AssignmentInbox />} />
        <Route path="/tasks/:id" element={<TaskPage />} />
        <Route path="/plans/new" element={<PlanDraft />} />
        <Route path="/search" element={<Search />} />
        <Route path="/board" element={<Board seesEverything={me.data.role === "HQ_REVIEWER" || me.data.role === "ADMIN"} />} />
        <Route path="/overview" element={<Overview />} />
        <Route path="/delegations" element={<Delegations me={me.data} />} />
        <Route path="/directory/orgs" element={<OrgList />} />
        <Route path="/directory/orgs/:code" element={<OrgPage />} />
        <Route path="/directory/people" element={<PeopleList me={me.data} />} />
        <Route path="/directory/people/:id" element={<PersonPage me={me.data} />} />
        <Route path="/directory/file" element={<ImportExport me={me.data} />} />
        <Route path="/directory/audit" element={<Audit />} />
        <Route path="/me/notifications" element={<NotificationPrefs />} />
        <Route path="*" element={<Navigate to={homeOf(me.data.role)} replace />} />
      </Routes>
    </Layout>
  );
}
