import { useState } from "react";
import { api } from "../api";
import { navigate } from "../router";
import { caseStatuses, categories, label, levels, time, timelineKinds } from "../vocabulary";
import { Options, Pager, ProblemBox, useLoad, usePaged, useSubmit } from "./Common";

interface CaseView {
  id: string; villageCode: string; nodeCode: string; level: string; category: string; summary: string; status: string;
  openedAt: string; overdue: boolean; daysOpen: number; agreementTerms: string | null; allowedActions: string[];
}
interface TimelineEntry { kind: string; occurredAt: string; actor: string; details: unknown }
interface CaseDetail { case: CaseView; parties: { role: string; name: string; identityMasked: string | null }[]; timeline: TimelineEntry[] }


/** 调解案件: the cases the signed-in mediator or office may see, filtered and paged on the server. */
export function Cases() {
  const [status, setStatus] = useState("Open");
  const [overdue, setOverdue] = useState(false);
  const [sort, setSort] = useState("Newest");
  const cases = usePaged<CaseView>("/api/mediation/cases", { sort, status, overdue });
  return (
    <section>
      <h2>调解案件</h2>
      <div className="toolbar">
        <label>状态
          <select value={status} onChange={(e) => { setStatus(e.target.value); }} aria-label="案件状态">
            <option value="">全部</option>
            <Options names={caseStatuses} />
          </select>
        </label>
        <label><input type="checkbox" checked={overdue} onChange={(e) => { setOverdue(e.target.checked); }} />只看超期（30日）</label>
        <label>排序
          <select value={sort} onChange={(e) => { setSort(e.target.value); }} aria-label="案件排序">
            <option value="Newest">最新受理的在前</option>
            <option value="Oldest">办理最久的在前</option>
          </select>
        </label>
        <button onClick={cases.reload}>刷新</button>
      </div>
      <ProblemBox error={cases.error} />
      <table aria-label="调解案件">
        <thead><tr><th>受理时间</th><th>村居</th><th>层级</th><th>类别</th><th>简要情况</th><th>状态</th><th>已办天数</th></tr></thead>
        <tbody>
          {cases.data?.map((c) => (
            <tr key={c.id} className={c.overdue ? "overdue" : ""}>
              <td>{time(c.openedAt)}</td><td>{c.villageCode}</td><td>{label(levels, c.level)}</td><td>{label(categories, c.category)}</td>
              <td><a href={`/console/cases/${c.id}`} onClick={(e) => { e.preventDefault(); navigate(`/console/cases/${c.id}`); }}>{c.summary}</a></td>
              <td>{label(caseStatuses, c.status)}</td><td>{c.daysOpen}{c.overdue ? "（超期）" : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager {...cases.pager} />
    </section>
  );
}

/** One case: parties (identity masked), its timeline, and the actions its state allows. */
export function CaseDetailPage({ id }: { id: string }) {
  const detail = useLoad(() => api<CaseDetail>(`/api/mediation/cases/${id}`), [id]);
  const action = useSubmit();
  const act = (path: string, body: (form: FormData) => unknown) => action.submit(`/api/mediation/cases/${id}/${path}`, body, detail.reload);

  if (detail.error) return <ProblemBox error={detail.error} />;
  const c = detail.data?.case;
  if (!c) return <p>加载中…</p>;
  const allowed = new Set(c.allowedActions);
  return (
    <section>
      <h2>{c.summary}</h2>
      <p>
        <span className={`status ${c.status}`} aria-label="案件状态">{label(caseStatuses, c.status)}</span> · {label(categories, c.category)} ·
        {label(levels, c.level)}（{c.nodeCode}） · 受理于 {time(c.openedAt)} · 已办 {c.daysOpen} 天{c.overdue ? "（超期）" : ""}
      </p>
      {c.agreementTerms && <p>调解协议：{c.agreementTerms}</p>}
      <h3>当事人</h3>
      <ul>{detail.data!.parties.map((p) => <li key={p.name + p.role}>{p.role === "Applicant" ? "申请人" : "被申请人"}：{p.name} {p.identityMasked ?? ""}</li>)}</ul>
      <h3>办理经过</h3>
      <ol className="timeline" aria-label="办理经过">
        {detail.data!.timeline.map((t, i) => <li key={i}><strong>{label(timelineKinds, t.kind)}</strong> {time(t.occurredAt)}</li>)}
      </ol>
      <ProblemBox error={action.error} />
      {allowed.has("RecordSession") && (
        <form className="card" aria-label="记录调解" onSubmit={act("sessions", (f) => ({ heldAt: new Date().toISOString(), notes: f.get("notes") }))}>
          <h3>记录一次调解</h3>
          <label>调解情况<textarea name="notes" rows={2} aria-label="调解情况" /></label>
          <button type="submit">记录</button>
        </form>
      )}
      {allowed.has("RecordAgreement") && (
        <form className="card" aria-label="调解协议" onSubmit={act("agreement", (f) => ({ terms: f.get("terms"), signedOn: f.get("signedOn") }))}>
          <h3>达成调解协议</h3>
          <label>协议内容<textarea name="terms" rows={2} aria-label="协议内容" /></label>
          <label>签订日期<input name="signedOn" type="date" aria-label="签订日期" defaultValue={new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" })} /></label>
          <button type="submit">保存协议</button>
        </form>
      )}
      {allowed.has("Escalate") && (
        <form className="card" aria-label="上报上级" onSubmit={act("escalation", (f) => ({ reason: f.get("reason") }))}>
          <h3>本级调解未果，上报上一级</h3>
          <label>原因<input name="reason" aria-label="原因" /></label>
          <button type="submit">上报</button>
        </form>
      )}
    </section>
  );
}
