import { useState } from "react";
import { api } from "../api";
import { appealStatuses, label, time, warningCategories } from "../vocabulary";
import { CsvImport, Options, ProblemBox, useLoad, useRoles, useSubmit } from "./Common";

interface Village { code: string; townCode: string; name: string }
interface Group { id: string; villageCode: string; name: string; householdIds: string[]; headHouseholdId: string | null; headName: string | null; headChosenAt: string | null }
interface Household { id: string; householderName: string; address: string; memberCount: number; contactMasked: string; groupId: string | null }
interface Visit { id: string; householdId: string; visitedOn: string; findings: string; recordedAt: string }
interface Warning { id: string; groupId: string | null; category: string; severity: number; description: string; raisedAt: string; disputeReportId: string | null }
interface Appeal { id: string; householdId: string | null; need: string; collectedAt: string; status: string; department: string | null; resolution: string | null }

/**
 * 十户长+: a village's ten-household groups with their heads, a group's visits, the village's warnings and
 * appeals. A 十户长 sees their own group only (the services decide); 综治中心 sees every group.
 */
export function Governance() {
  const villages = useLoad(() => api<Village[]>("/api/governance/villages"), []);
  const [village, setVillage] = useState("");
  const selectedVillage = village || villages.data?.[0]?.code || "";
  const groups = useLoad(() => (selectedVillage ? api<Group[]>(`/api/governance/groups?villageCode=${selectedVillage}`) : Promise.resolve([])), [selectedVillage]);
  const [groupId, setGroupId] = useState<string>();
  const group = groups.data?.find((g) => g.id === groupId) ?? groups.data?.[0];
  const households = useLoad(() => (selectedVillage ? api<Household[]>(`/api/governance/households?villageCode=${selectedVillage}`) : Promise.resolve([])), [selectedVillage]);
  const visits = useLoad(() => (group ? api<Visit[]>(`/api/governance/groups/${group.id}/visits`) : Promise.resolve([])), [group?.id]);
  const warnings = useLoad(() => (selectedVillage ? api<Warning[]>(`/api/governance/warnings?villageCode=${selectedVillage}`) : Promise.resolve([])), [selectedVillage]);
  const appeals = useLoad(() => (selectedVillage ? api<Appeal[]>(`/api/governance/appeals?villageCode=${selectedVillage}`) : Promise.resolve([])), [selectedVillage]);
  const action = useSubmit();
  const roles = useRoles();
  const nameOf = (id: string | null) => households.data?.find((h) => h.id === id)?.householderName ?? "—";

  const members = households.data?.filter((h) => h.groupId === group?.id) ?? [];
  const checked = (form: FormData, name: string) => form.getAll(name).map(String);
  return (
    <section>
      <h2>十户长+ 基层治理</h2>
      <label>村居
        <select value={selectedVillage} onChange={(e) => { setVillage(e.target.value); setGroupId(undefined); }} aria-label="村居">
          {villages.data?.map((v) => <option key={v.code} value={v.code}>{v.name}（{v.code}）</option>)}
        </select>
      </label>
      <ProblemBox error={villages.error ?? groups.error ?? households.error} />
      <div className="sticky-problem"><ProblemBox error={action.error} /></div>
      <h3>十联户小组</h3>
      <table aria-label="十联户小组">
        <thead><tr><th>小组</th><th>户数</th><th>十户长</th><th>推选时间</th></tr></thead>
        <tbody>
          {groups.data?.map((g) => (
            <tr key={g.id} className={g.id === group?.id ? "selected" : ""} onClick={() => setGroupId(g.id)}>
              <td><button type="button" className="link" onClick={() => setGroupId(g.id)}>{g.name}</button></td>
              <td>{g.householdIds.length}</td><td>{g.headName ?? "未推选"}</td><td>{time(g.headChosenAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {group && (
        <>
          <h3>{group.name} · 入户走访</h3>
          <ProblemBox error={visits.error} />
          <table aria-label="入户走访">
            <thead><tr><th>走访日期</th><th>住户</th><th>情况</th></tr></thead>
            <tbody>{visits.data?.map((v) => <tr key={v.id}><td>{v.visitedOn.slice(0, 10)}</td><td>{nameOf(v.householdId)}</td><td>{v.findings}</td></tr>)}</tbody>
          </table>
          <form className="card" aria-label="记录走访" onSubmit={action.submit(`/api/governance/groups/${group.id}/visits`, (f) => ({
            householdId: f.get("householdId"), visitedOn: f.get("visitedOn"), findings: f.get("findings"),
          }), visits.reload)}>
            <h3>记录一次走访</h3>
            <label>住户<select name="householdId" aria-label="住户">{members.map((h) => <option key={h.id} value={h.id}>{h.householderName}（{h.address}）</option>)}</select></label>
            <label>走访日期<input name="visitedOn" type="date" aria-label="走访日期" defaultValue={new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" })} /></label>
            <label>情况<textarea name="findings" rows={2} aria-label="走访情况" /></label>
            <button type="submit">记录走访</button>
          </form>
        </>
      )}
      {roles.has("GovernanceCentre") && (
        <CsvImport title="导入住户" path="/api/governance/households/csv" columns="villageCode,householderName,address,memberCount,contactPhone（电话加密保存）" onDone={households.reload} />
      )}
      <h3>预警信息</h3>
      <ProblemBox error={warnings.error ?? appeals.error} />
      <form className="card" aria-label="上报预警" onSubmit={action.submit("/api/governance/warnings", (f) => ({
        villageCode: selectedVillage, groupId: group?.id, category: f.get("category"), severity: Number(f.get("severity")),
        householdIds: checked(f, "warnedHouseholds"), description: f.get("description"),
      }), warnings.reload)}>
        <h3>上报预警信息{group ? `（${group.name}）` : ""}</h3>
        <label>类别<select name="category" aria-label="预警类别"><Options names={warningCategories} /></select></label>
        <label>等级<select name="severity" aria-label="预警等级"><option value="1">一般（1）</option><option value="2">较重（2）</option><option value="3">严重（3）</option></select></label>
        <fieldset aria-label="涉及住户"><legend>涉及住户</legend>
          {members.map((h) => <label key={h.id}><input type="checkbox" name="warnedHouseholds" value={h.id} />{h.householderName}</label>)}
        </fieldset>
        <label>情况<textarea name="description" rows={2} aria-label="预警情况" /></label>
        <p className="hint">严重的矛盾纠纷隐患即时转为纠纷上报，进入人民调解。</p>
        <button type="submit">上报预警</button>
      </form>
      <table aria-label="预警信息">
        <thead><tr><th>时间</th><th>类别</th><th>等级</th><th>情况</th><th>转为纠纷上报</th></tr></thead>
        <tbody>{warnings.data?.map((w) => <tr key={w.id}><td>{time(w.raisedAt)}</td><td>{label(warningCategories, w.category)}</td><td>{w.severity}</td><td>{w.description}</td><td>{w.disputeReportId ? "是" : "否"}</td></tr>)}</tbody>
      </table>
      <h3>群众诉求</h3>
      <table aria-label="群众诉求">
        <thead><tr><th>收集时间</th><th>住户</th><th>诉求</th><th>状态</th><th>承办部门</th><th>办理结果</th></tr></thead>
        <tbody>{appeals.data?.map((a) => (
          <tr key={a.id}>
            <td>{time(a.collectedAt)}</td><td>{nameOf(a.householdId)}</td><td>{a.need}</td><td>{label(appealStatuses, a.status)}</td><td>{a.department ?? "—"}</td>
            <td>{a.resolution ?? ((roles.has("GovernanceCentre") && (a.status === "Collected" || a.status === "Assigned")) ? <AppealActions appeal={a} run={action.run} onDone={appeals.reload} /> : "—")}</td>
          </tr>
        ))}</tbody>
      </table>
      <form className="card" aria-label="收集诉求" onSubmit={action.submit("/api/governance/appeals", (f) => ({
        villageCode: selectedVillage, householdId: f.get("householdId") || undefined, need: f.get("need"),
      }), appeals.reload)}>
        <h3>收集群众诉求</h3>
        <label>住户<select name="householdId" aria-label="诉求住户"><option value="">（不具名）</option>{(households.data ?? []).map((h) => <option key={h.id} value={h.id}>{h.householderName}</option>)}</select></label>
        <label>诉求<textarea name="need" rows={2} aria-label="诉求内容" /></label>
        <button type="submit">收集诉求</button>
      </form>
    </section>
  );
}

/** An open appeal is handed to a department, then closed as solved or answered (explained without a solution). */
function AppealActions({ appeal, run, onDone }: { appeal: Appeal; run: (path: string, body: unknown, done?: () => void) => Promise<void>; onDone: () => void }) {
  const [text, setText] = useState("");
  const act = (path: string, body: unknown) => run(`/api/governance/appeals/${appeal.id}/${path}`, body, () => { setText(""); onDone(); });
  return (
    <span className="inline-actions">
      <input value={text} onChange={(e) => setText(e.target.value)} aria-label={appeal.status === "Collected" ? "承办部门" : "办理结果"} placeholder={appeal.status === "Collected" ? "承办部门" : "办理结果"} />
      {appeal.status === "Collected"
        ? <button type="button" onClick={() => act("assignment", { department: text })}>交办</button>
        : <>
            <button type="button" onClick={() => act("resolution", { solved: true, resolution: text })}>已解决</button>
            <button type="button" onClick={() => act("resolution", { solved: false, resolution: text })}>已答复</button>
          </>}
    </span>
  );
}
