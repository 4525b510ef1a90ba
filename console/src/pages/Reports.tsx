import { FormEvent, useState } from "react";
import { api } from "../api";
import { categories, label, levels, reportStatuses, time } from "../vocabulary";
import { Options, Pager, ProblemBox, useLoad } from "./Common";

interface Village { code: string; townCode: string; name: string }
interface Report {
  id: string; villageCode: string; category: string; summary: string; householdCount: number; reportedAt: string;
  status: string; mediationLevel: string | null; outcome: string | null; resolvedAt: string | null;
}

const pageSize = 20;

/** 纠纷上报: a 十户长 or 综治中心 reports a dispute and follows it through mediation and back. */
export function Reports() {
  const villages = useLoad(() => api<Village[]>("/api/governance/villages"), []);
  const [village, setVillage] = useState("");
  const [status, setStatus] = useState("");
  const [offset, setOffset] = useState(0);
  const selected = village || villages.data?.[0]?.code || "";
  const reports = useLoad(
    () => (selected ? api<Report[]>(`/api/governance/dispute-reports?villageCode=${selected}&limit=${pageSize}&offset=${offset}${status ? `&status=${status}` : ""}`) : Promise.resolve([])),
    [selected, status, offset],
  );
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setSaving(true);
    setError(undefined);
    try {
      await api("/api/governance/dispute-reports", {
        method: "POST",
        body: { villageCode: selected, category: form.get("category"), householdCount: Number(form.get("householdCount")), summary: form.get("summary") },
      });
      (event.target as HTMLFormElement).reset();
      setOffset(0);
      reports.reload();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <section>
      <h2>矛盾纠纷上报</h2>
      <ProblemBox error={villages.error} />
      <label>
        村居
        <select value={selected} onChange={(e) => { setVillage(e.target.value); setOffset(0); }} aria-label="村居">
          {villages.data?.map((v) => <option key={v.code} value={v.code}>{v.name}（{v.code}）</option>)}
        </select>
      </label>
      <form onSubmit={submit} className="card" aria-label="上报纠纷">
        <h3>上报新纠纷</h3>
        <label>类别<select name="category" aria-label="类别"><Options names={categories} /></select></label>
        <label>涉及户数<input name="householdCount" type="number" min={1} max={500} defaultValue={2} aria-label="涉及户数" /></label>
        <label>简要情况<textarea name="summary" aria-label="简要情况" rows={3} /></label>
        <button type="submit" disabled={saving || !selected}>{saving ? "提交中…" : "上报"}</button>
        <ProblemBox error={error} />
      </form>
      <div className="toolbar">
        <label>状态
          <select value={status} onChange={(e) => { setStatus(e.target.value); setOffset(0); }} aria-label="状态">
            <option value="">全部</option>
            <Options names={reportStatuses} />
          </select>
        </label>
        <button onClick={reports.reload}>刷新</button>
      </div>
      <ProblemBox error={reports.error} />
      <table aria-label="上报记录">
        <thead><tr><th>上报时间</th><th>类别</th><th>简要情况</th><th>户数</th><th>状态</th><th>调解层级</th><th>结果</th></tr></thead>
        <tbody>
          {reports.data?.map((r) => (
            <tr key={r.id} data-report={r.id}>
              <td>{time(r.reportedAt)}</td><td>{label(categories, r.category)}</td><td>{r.summary}</td><td>{r.householdCount}</td>
              <td className={`status ${r.status}`}>{label(reportStatuses, r.status)}</td><td>{label(levels, r.mediationLevel)}</td><td>{r.outcome ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager offset={offset} limit={pageSize} count={reports.data?.length ?? 0} onChange={setOffset} />
    </section>
  );
}
