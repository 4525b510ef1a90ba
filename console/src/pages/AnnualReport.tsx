import { FormEvent, useRef, useState } from "react";
import { api, apiText } from "../api";
import { label, reportStages, time } from "../vocabulary";
import { ProblemBox, useLoad } from "./Common";

interface Village { code: string; townCode: string; name: string }
interface Summary { id: string; year: number; version: number; status: string; figuresCountedAt: string; submittedAt: string | null }
interface Narrative { introduction: string | null; leadership: string | null; shortcomings: string | null; nextYear: string | null; supplements: Record<string, string> }
interface Report {
  id: string; year: number; version: number; status: string; allowedActions: string[]; figuresCountedAt: string; figures: { code: string }[];
  narrative: Narrative; approvedBy: string | null; submittedBy: string | null; submittedAt: string | null; html: string;
}

/** 年度报告 (党政办): draft with the year's figures frozen, write the narrative parts, approve, submit, print. */
export function AnnualReport() {
  const villages = useLoad(() => api<Village[]>("/api/governance/villages"), []);
  const towns = [...new Set(villages.data?.map((v) => v.townCode) ?? [])].sort();
  const [chosenTown, setTown] = useState<string>();
  const town = chosenTown ?? towns[0];
  const [year, setYear] = useState(new Date().getFullYear());
  const list = useLoad(() => (town ? api<Summary[]>(`/api/reports/annual?townCode=${town}&year=${year}`) : Promise.resolve([])), [town, year]);
  const [selected, setSelected] = useState<string>();
  const current = selected ?? list.data?.[0]?.id;
  const report = useLoad(() => (current ? api<Report>(`/api/reports/annual/${current}`) : Promise.resolve(undefined)), [current]);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [preview, setPreview] = useState<string>();
  const frame = useRef<HTMLIFrameElement>(null);

  async function run(what: string, action: () => Promise<unknown>) {
    setBusy(what);
    setError(undefined);
    try {
      await action();
      list.reload();
      report.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  }

  const draft = () => run("正在统计全年数据并生成草稿…", async () => {
    const created = await api<Report>("/api/reports/annual", { method: "POST", body: { townCode: town, year, townName: "寨里镇", issuer: "中共寨里镇党委 寨里镇人民政府" } });
    setSelected(created.id);
  });

  function saveNarrative(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim() || null;
    void run("正在保存…", () => api(`/api/reports/annual/${current}/narrative`, {
      method: "PUT",
      body: { introduction: text("introduction"), leadership: text("leadership"), shortcomings: text("shortcomings"), nextYear: text("nextYear"), supplements: report.data?.narrative.supplements ?? {} },
    }));
  }

  const signOff = (path: string, by: string) => run("正在提交…", () => api(`/api/reports/annual/${current}/${path}`, { method: "POST", body: { by } }));

  const r = report.data;
  const allowed = new Set(r?.allowedActions ?? []);
  return (
    <section>
      <h2>法治政府建设年度报告</h2>
      <div className="toolbar">
        <label>乡镇<select value={town} onChange={(e) => { setTown(e.target.value); setSelected(undefined); }} aria-label="乡镇">{towns.map((t) => <option key={t} value={t}>{t}</option>)}</select></label>
        <label>年度<input type="number" value={year} min={2000} max={2100} onChange={(e) => { setYear(Number(e.target.value)); setSelected(undefined); }} aria-label="年度" /></label>
        <button onClick={draft} disabled={!town || busy !== undefined}>起草本年度报告</button>
        {list.data && list.data.length > 0 && (
          <label>版本
            <select value={current} onChange={(e) => setSelected(e.target.value)} aria-label="版本">
              {list.data.map((s) => <option key={s.id} value={s.id}>第 {s.version} 版（{label(reportStages, s.status)}）</option>)}
            </select>
          </label>
        )}
      </div>
      {busy && <p role="status" className="progress">{busy}</p>}
      <ProblemBox error={villages.error ?? list.error ?? report.error ?? error} />
      {r && (
        <>
          <p>
            <span className={`status ${r.status}`} aria-label="报告状态">{label(reportStages, r.status)}</span> · 第 {r.version} 版 ·
            数据统计于 {time(r.figuresCountedAt)}（{r.figures.length} 项指标）{r.submittedAt && <> · {r.submittedBy} 报送于 {time(r.submittedAt)}</>}
          </p>
          {allowed.has("EditNarrative") && (
            <form className="card wide" aria-label="报告正文" onSubmit={saveNarrative} key={r.id + r.version}>
              <h3>需人工撰写的部分</h3>
              <label>导语<textarea name="introduction" rows={2} defaultValue={r.narrative.introduction ?? ""} aria-label="导语" /></label>
              <label>二、党政主要负责人履行第一责任人职责情况<textarea name="leadership" rows={4} defaultValue={r.narrative.leadership ?? ""} aria-label="第一责任人职责" /></label>
              <label>三、存在的不足和原因<textarea name="shortcomings" rows={3} defaultValue={r.narrative.shortcomings ?? ""} aria-label="存在的不足" /></label>
              <label>四、下一年度主要安排<textarea name="nextYear" rows={3} defaultValue={r.narrative.nextYear ?? ""} aria-label="下一年度安排" /></label>
              <button type="submit" disabled={busy !== undefined}>保存正文</button>
            </form>
          )}
          <div className="toolbar">
            {allowed.has("Approve") && <button onClick={() => signOff("approval", "党政办主任")} disabled={busy !== undefined}>审定</button>}
            {allowed.has("Submit") && <button onClick={() => signOff("submission", "镇长")} disabled={busy !== undefined}>报送区委、区政府</button>}
            <button onClick={() => run("正在生成打印稿…", async () => setPreview(await apiText(r.html)))} disabled={busy !== undefined}>打印预览</button>
            {preview && <button onClick={() => frame.current?.contentWindow?.print()}>打印</button>}
          </div>
          {preview && <iframe ref={frame} title="打印预览" srcDoc={preview} className="preview" />}
        </>
      )}
    </section>
  );
}
