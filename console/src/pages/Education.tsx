import { useState } from "react";
import { api } from "../api";
import { activityKinds, examGroups, examKinds, label, responsibilities, sixIntos, taskStates, today } from "../vocabulary";
import { listOf, Options, Pager, ProblemBox, TownSelect, useLoad, usePaged, useRoles, useSubmit, useTown } from "./Common";

interface Task { id: string; title: string; dueOn: string; completedOn: string | null; evidence: string | null; state: string }
interface Plan { id: string; year: number; department: string; responsibility: string; duties: string; done: number; due: number; overdue: number; tasks: Task[] }
interface Activity { id: string; kind: string; sixInto: string | null; heldOn: string; title: string; departments: string[]; villageCode: string | null; materials: number; peopleReached: number; sourceCaseId: string | null; laws: string[] }
interface Session { id: string; year: number; kind: string; title: string; heldOn: string; passMark: number }
interface GroupRates { group: string; enrolled: number; participated: number; passed: number; participationRate: number; passRate: number }
interface Rates { sessionId: string; title: string; groups: GroupRates[] }

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

/** 普法: the year's responsibility lists and their tasks, the activities held, and the law exams' rates. */
export function Education() {
  const town = useTown();
  const [year, setYear] = useState(new Date().getFullYear());
  return (
    <section>
      <h2>普法依法治理</h2>
      <div className="toolbar">
        <TownSelect town={town} />
        <label>年度<input type="number" value={year} min={2000} max={2099} onChange={(e) => setYear(Number(e.target.value))} aria-label="年度" /></label>
      </div>
      <ProblemBox error={town.error} />
      {town.town && <Plans town={town.town} year={year} />}
      {town.town && <Activities town={town.town} year={year} villages={town.villages} />}
      {town.town && <Exams town={town.town} year={year} />}
    </section>
  );
}

function Plans({ town, year }: { town: string; year: number }) {
  const roles = useRoles();
  const plans = useLoad(() => api<Plan[]>(`/api/education/plans?townCode=${town}&year=${year}`), [town, year]);
  const action = useSubmit();
  const [evidence, setEvidence] = useState<Record<string, string>>({});
  const office = roles.has("JusticeOffice");
  return (
    <>
      <h3>普法责任清单</h3>
      <div className="sticky-problem"><ProblemBox error={plans.error ?? action.error} /></div>
      <table aria-label="普法责任清单">
        <thead><tr><th>部门</th><th>责任</th><th>任务</th><th>完成期限</th><th>状态</th><th>完成情况</th></tr></thead>
        <tbody>{plans.data?.flatMap((p) => p.tasks.map((t, i) => (
          <tr key={t.id} className={t.state === "Overdue" ? "overdue" : ""}>
            {i === 0 && <td rowSpan={p.tasks.length}>{p.department}（完成 {p.done}，逾期 {p.overdue}）</td>}
            {i === 0 && <td rowSpan={p.tasks.length}>{label(responsibilities, p.responsibility)}</td>}
            <td>{t.title}</td><td>{t.dueOn}</td><td>{label(taskStates, t.state)}</td>
            <td>{t.completedOn ? `${t.completedOn}：${t.evidence}` : office && (
              <span className="inline-actions">
                <input aria-label={`${t.title} 完成佐证`} placeholder="完成佐证" value={evidence[t.id] ?? ""} onChange={(e) => setEvidence({ ...evidence, [t.id]: e.target.value })} />
                <button type="button" disabled={action.busy} onClick={() => action.run(`/api/education/plans/${p.id}/tasks/${t.id}/completion`, { completedOn: today(), evidence: evidence[t.id] ?? "" }, plans.reload)}>今日完成</button>
              </span>
            )}</td>
          </tr>
        )))}</tbody>
      </table>
      {plans.data?.length === 0 && <p className="hint">{year} 年尚无普法责任清单。</p>}
      {office && (
        <form className="card wide" aria-label="制定责任清单" onSubmit={action.submit("/api/education/plans", (f) => ({
          townCode: town, year, department: f.get("department"), responsibility: f.get("responsibility"), duties: f.get("duties"),
          tasks: listOf(f.get("tasks")).map((title) => ({ title, dueOn: f.get("dueOn") })),
        }), plans.reload)}>
          <h3>制定部门普法责任清单</h3>
          <label>部门<input name="department" aria-label="责任部门" /></label>
          <label>责任<select name="responsibility" aria-label="普法责任"><Options names={responsibilities} /></select></label>
          <label>职责<textarea name="duties" rows={2} aria-label="普法职责" /></label>
          <label>任务（每行一项）<textarea name="tasks" rows={3} aria-label="普法任务" /></label>
          <label>完成期限<input type="date" name="dueOn" defaultValue={`${year}-12-31`} aria-label="任务完成期限" /></label>
          <button type="submit" disabled={action.busy}>制定</button>
        </form>
      )}
    </>
  );
}

function Activities({ town, year, villages }: { town: string; year: number; villages: { code: string; name: string }[] }) {
  const roles = useRoles();
  const [kind, setKind] = useState("");
  const activities = usePaged<Activity>("/api/education/activities", { townCode: town, from: `${year}-01-01`, to: `${year}-12-31`, kind });
  const action = useSubmit();
  const [chosenKind, setChosenKind] = useState("Lecture");
  return (
    <>
      <h3>普法活动</h3>
      <div className="toolbar">
        <label>形式
          <select value={kind} onChange={(e) => { setKind(e.target.value); }} aria-label="活动形式筛选">
            <option value="">全部</option>
            <Options names={activityKinds} />
          </select>
        </label>
      </div>
      <ProblemBox error={activities.error} />
      <table aria-label="普法活动">
        <thead><tr><th>日期</th><th>形式</th><th>主题</th><th>部门</th><th>宣传法律</th><th>资料（份）</th><th>受众（人次）</th></tr></thead>
        <tbody>{activities.data?.map((a) => (
          <tr key={a.id}>
            <td>{a.heldOn.slice(0, 10)}</td><td>{label(activityKinds, a.kind)}{a.sixInto ? `·${label(sixIntos, a.sixInto)}` : ""}</td><td>{a.title}</td>
            <td>{a.departments.join("、")}</td><td>{a.laws.map((l) => `《${l}》`).join("")}</td><td>{a.materials}</td><td>{a.peopleReached}</td>
          </tr>
        ))}</tbody>
      </table>
      <Pager {...activities.pager} />
      {roles.has("JusticeOffice", "EnforcementDepartment", "GovernanceCentre") && (
        <form className="card wide" aria-label="记录普法活动" onSubmit={action.submit("/api/education/activities", (f) => ({
          townCode: town, kind: f.get("kind"), sixInto: f.get("kind") === "SixIntos" ? f.get("sixInto") : undefined, heldOn: f.get("heldOn"), title: f.get("title"),
          departments: listOf(f.get("departments")), villageCode: f.get("villageCode") || undefined, laws: listOf(f.get("laws")),
          materials: Number(f.get("materials") || 0), peopleReached: Number(f.get("peopleReached") || 0),
        }), activities.reload)}>
          <h3>记录普法活动</h3>
          <ProblemBox error={action.error} />
          <label>形式<select name="kind" aria-label="活动形式" value={chosenKind} onChange={(e) => setChosenKind(e.target.value)}><Options names={activityKinds} /></select></label>
          {chosenKind === "SixIntos" && <label>进入<select name="sixInto" aria-label="法律六进"><Options names={sixIntos} /></select></label>}
          <label>日期<input type="date" name="heldOn" defaultValue={today()} aria-label="活动日期" /></label>
          <label>主题<input name="title" aria-label="活动主题" /></label>
          <label>部门（顿号分隔）<input name="departments" aria-label="参与部门" /></label>
          <label>村居<select name="villageCode" aria-label="活动村居"><option value="">（全镇）</option>{villages.map((v) => <option key={v.code} value={v.code}>{v.name}</option>)}</select></label>
          <label>宣传法律（顿号分隔）<input name="laws" aria-label="宣传法律" /></label>
          <label>发放资料（份）<input type="number" name="materials" min={0} defaultValue={0} aria-label="发放资料" /></label>
          <label>受众（人次）<input type="number" name="peopleReached" min={0} defaultValue={0} aria-label="受众人次" /></label>
          <button type="submit" disabled={action.busy}>记录</button>
        </form>
      )}
    </>
  );
}

function Exams({ town, year }: { town: string; year: number }) {
  const roles = useRoles();
  const sessions = useLoad(() => (roles.has("JusticeOffice") ? api<Session[]>(`/api/education/exams?townCode=${town}&year=${year}`) : Promise.resolve([])), [town, year]);
  const [chosen, setChosen] = useState<string>();
  const session = sessions.data?.find((s) => s.id === chosen) ?? sessions.data?.[0];
  const rates = useLoad(() => (session ? api<Rates>(`/api/education/exams/${session.id}/rates`) : Promise.resolve(undefined)), [session?.id]);
  if (!roles.has("JusticeOffice")) return null;
  return (
    <>
      <h3>学法考试</h3>
      <ProblemBox error={sessions.error ?? rates.error} />
      {sessions.data?.length === 0 && <p className="hint">{year} 年尚无考试场次。</p>}
      {session && (
        <>
          <label>场次
            <select value={session.id} onChange={(e) => setChosen(e.target.value)} aria-label="考试场次">
              {sessions.data!.map((s) => <option key={s.id} value={s.id}>{s.heldOn} {s.title}（{label(examKinds, s.kind)}，{s.passMark} 分合格）</option>)}
            </select>
          </label>
          <table aria-label="参考率与合格率">
            <thead><tr><th>对象</th><th>应考</th><th>参考</th><th>合格</th><th>参考率</th><th>合格率</th></tr></thead>
            <tbody>{rates.data?.groups.map((g) => (
              <tr key={g.group}><td>{label(examGroups, g.group)}</td><td>{g.enrolled}</td><td>{g.participated}</td><td>{g.passed}</td><td>{percent(g.participationRate)}</td><td>{percent(g.passRate)}</td></tr>
            ))}</tbody>
          </table>
        </>
      )}
    </>
  );
}
