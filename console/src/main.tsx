import { StrictMode, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { api } from "./api";
import { completeSignIn, currentSession, signIn, signOut } from "./auth";
import { navigate, usePath } from "./router";
import { roles as roleNames } from "./vocabulary";
import { ProblemBox, RolesContext } from "./pages/Common";
import { Reports } from "./pages/Reports";
import { CaseDetailPage, Cases } from "./pages/Cases";
import { Figures } from "./pages/Figures";
import { MatterDetailPage, Matters } from "./pages/Matters";
import { AnnualReport } from "./pages/AnnualReport";
import { Governance } from "./pages/Governance";
import { Enforcement, EnforcementCasePage } from "./pages/Enforcement";
import { Network } from "./pages/Network";
import { Education } from "./pages/Education";
import "./style.css";

interface Me { subject: string; name: string | null; roles: string[]; department: string | null; villages: string[] }

/** Each role sees its own work: the pages offered follow the roles in the token. */
const pages: { path: string; title: string; roles: string[] }[] = [
  { path: "/console/reports", title: "纠纷上报", roles: ["GovernanceCentre", "HouseholdHead"] },
  { path: "/console/groups", title: "十户长+", roles: ["GovernanceCentre", "HouseholdHead"] },
  { path: "/console/cases", title: "调解案件", roles: ["JusticeOffice", "GovernanceCentre", "Mediator"] },
  { path: "/console/network", title: "调解网络", roles: ["JusticeOffice", "GovernanceCentre", "Mediator"] },
  { path: "/console/education", title: "普法", roles: ["JusticeOffice", "EnforcementDepartment", "GovernanceCentre", "PartyGovernmentOffice"] },
  { path: "/console/enforcement", title: "行政执法", roles: ["JusticeOffice", "EnforcementDepartment", "PartyGovernmentOffice"] },
  { path: "/console/matters", title: "合法性审查", roles: ["JusticeOffice", "VillageCounsel", "PartyGovernmentOffice"] },
  { path: "/console/figures", title: "工作数据", roles: ["JusticeOffice", "PartyGovernmentOffice"] },
  { path: "/console/annual", title: "年度报告", roles: ["JusticeOffice", "PartyGovernmentOffice"] },
];

function Callback() {
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    completeSignIn().then((returnTo) => navigate(returnTo.startsWith("/console") ? returnTo : "/console/"), setError);
  }, []);
  return error ? <ProblemBox error={error} /> : <p>正在登录…</p>;
}

function Shell() {
  const path = usePath();
  const [me, setMe] = useState<Me>();
  const [error, setError] = useState<unknown>();
  const signedIn = currentSession() !== null;
  useEffect(() => {
    if (signedIn && path !== "/console/callback") api<Me>("/api/identity/me").then(setMe, setError);
  }, [signedIn, path]);

  if (path === "/console/callback") return <Callback />;
  if (!signedIn) {
    return (
      <main className="welcome">
        <h1>寨里镇法治政府建设平台</h1>
        <p>部门工作台：普法、行政执法、人民调解、合法性审查、十户长+ 与年度报告。</p>
        <button onClick={() => signIn(path)}>登录</button>
      </main>
    );
  }
  const isAdmin = me?.roles.includes("Administrator") ?? false;
  const mine = pages.filter((p) => isAdmin || p.roles.some((r) => me?.roles.includes(r)));
  const caseId = /^\/console\/cases\/([0-9a-f-]{36})$/.exec(path)?.[1];
  const matterId = /^\/console\/matters\/([0-9a-f-]{36})$/.exec(path)?.[1];
  const enforcementCaseId = /^\/console\/enforcement\/cases\/([0-9a-f-]{36})$/.exec(path)?.[1];
  return (
    <>
      <header>
        <h1>寨里镇法治政府建设平台</h1>
        <nav aria-label="功能">
          {mine.map((p) => (
            <a key={p.path} href={p.path} className={path.startsWith(p.path) ? "active" : ""} onClick={(e) => { e.preventDefault(); navigate(p.path); }}>{p.title}</a>
          ))}
        </nav>
        <span className="who" aria-label="当前用户">{me?.name ?? ""}（{me?.roles.map((r) => roleNames[r] ?? r).join("、")}）</span>
        <button onClick={signOut}>退出</button>
      </header>
      <RolesContext.Provider value={{ roles: me?.roles ?? [], department: me?.department ?? null }}>
      <main>
        <ProblemBox error={error} />
        {caseId ? <CaseDetailPage id={caseId} />
          : matterId ? <MatterDetailPage id={matterId} />
          : enforcementCaseId ? <EnforcementCasePage id={enforcementCaseId} />
          : path.startsWith("/console/enforcement") ? <Enforcement />
          : path.startsWith("/console/network") ? <Network />
          : path.startsWith("/console/education") ? <Education />
          : path.startsWith("/console/matters") ? <Matters />
          : path.startsWith("/console/reports") ? <Reports />
          : path.startsWith("/console/groups") ? <Governance />
          : path.startsWith("/console/cases") ? <Cases />
          : path.startsWith("/console/figures") ? <Figures />
          : path.startsWith("/console/annual") ? <AnnualReport />
          : <p>请从上方选择要办理的工作。{mine.length === 0 && "您的账号暂无可用的工作台页面。"}</p>}
      </main>
      </RolesContext.Provider>
    </>
  );
}

createRoot(document.getElementById("root")!).render(<StrictMode><Shell /></StrictMode>);
