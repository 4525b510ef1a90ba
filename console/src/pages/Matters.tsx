import { FormEvent, useState } from "react";
import { api } from "../api";
import { navigate } from "../router";
import { label, matterKinds, matterStatuses, opinions, time } from "../vocabulary";
import { Options, Pager, ProblemBox, useLoad, usePaged, useSubmit } from "./Common";

interface MatterView {
  id: string; villageCode: string; kind: string; title: string; version: number; submittedAt: string; reviewDueOn: string;
  reviewOverdue: boolean; status: string; filingNumber: string | null; allowedActions: string[];
}
interface Version { version: number; title: string; submittedAt: string; documents: { fileName: string; sha256: string; size: number }[] }
interface Review { version: number; counselId: string; opinion: string; reasons: string; provisions: string[]; workingDays: number; reviewedAt: string }
interface MatterDetail { matter: MatterView; versions: Version[]; reviews: Review[] }
interface Counsel { id: string; lawyerName: string; lawFirm: string; contractFrom: string; contractTo: string }


/** 合法性审查: a village counsel's matters to review (their villages only), 司法所's to file. */
export function Matters() {
  const [status, setStatus] = useState("AwaitingReview");
  const [sort, setSort] = useState("DueFirst");
  const [overdue, setOverdue] = useState(false);
  const matters = usePaged<MatterView>("/api/village-review/matters", { sort, status, overdue });
  return (
    <section>
      <h2>村居重大事项合法性审查</h2>
      <div className="toolbar">
        <label>状态
          <select value={status} onChange={(e) => { setStatus(e.target.value); }} aria-label="事项状态">
            <option value="">全部</option>
            <Options names={matterStatuses} />
          </select>
        </label>
        <label>排序
          <select value={sort} onChange={(e) => { setSort(e.target.value); }} aria-label="事项排序">
            <option value="DueFirst">审查期限最近的在前</option>
            <option value="Newest">最新提交的在前</option>
          </select>
        </label>
        <label><input type="checkbox" checked={overdue} onChange={(e) => { setOverdue(e.target.checked); }} />只看逾期未审</label>
        <button onClick={matters.reload}>刷新</button>
      </div>
      <ProblemBox error={matters.error} />
      <table aria-label="重大事项">
        <thead><tr><th>提交时间</th><th>村居</th><th>类别</th><th>事项</th><th>版本</th><th>审查期限</th><th>状态</th><th>备案号</th></tr></thead>
        <tbody>
          {matters.data?.map((m) => (
            <tr key={m.id} className={m.reviewOverdue ? "overdue" : ""}>
              <td>{time(m.submittedAt)}</td><td>{m.villageCode}</td><td>{label(matterKinds, m.kind)}</td>
              <td><a href={`/console/matters/${m.id}`} onClick={(e) => { e.preventDefault(); navigate(`/console/matters/${m.id}`); }}>{m.title}</a></td>
              <td>第 {m.version} 稿</td><td>{m.reviewDueOn}{m.reviewOverdue ? "（已超期）" : ""}</td>
              <td className={`status ${m.status}`}>{label(matterStatuses, m.status)}</td><td>{m.filingNumber ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager {...matters.pager} />
    </section>
  );
}

/** One matter: its versions with their documents' hashes, the opinions given, and the next step its state allows. */
export function MatterDetailPage({ id }: { id: string }) {
  const detail = useLoad(() => api<MatterDetail>(`/api/village-review/matters/${id}`), [id]);
  const village = detail.data?.matter.villageCode;
  const counsel = useLoad(() => (village ? api<Counsel[]>(`/api/village-review/counsel?villageCode=${village}`) : Promise.resolve([])), [village]);
  const action = useSubmit();
  const send = (path: string, body: unknown) => action.run(`/api/village-review/matters/${id}/${path}`, body, detail.reload);

  function review(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const provisions = String(form.get("provisions") ?? "").split(/[\n；;]/).map((p) => p.trim()).filter((p) => p.length > 0);
    void send("review", { counselId: form.get("counselId"), opinion: form.get("opinion"), reasons: form.get("reasons"), provisions });
  }

  if (detail.error) return <ProblemBox error={detail.error} />;
  const m = detail.data?.matter;
  if (!m) return <p>加载中…</p>;
  const allowed = new Set(m.allowedActions);
  return (
    <section>
      <h2>{m.title}</h2>
      <p>
        <span className={`status ${m.status}`} aria-label="事项状态">{label(matterStatuses, m.status)}</span> · {label(matterKinds, m.kind)} · 村居 {m.villageCode} ·
        第 {m.version} 稿 · 审查期限 {m.reviewDueOn}{m.filingNumber && <> · 备案号 <strong aria-label="备案号">{m.filingNumber}</strong></>}
      </p>
      <h3>各稿及材料</h3>
      <ul>
        {detail.data!.versions.map((v) => (
          <li key={v.version}>第 {v.version} 稿《{v.title}》{time(v.submittedAt)}
            <ul>{v.documents.map((d) => <li key={d.sha256}>{d.fileName}（{d.size} 字节，SHA-256 {d.sha256.slice(0, 16)}…）</li>)}</ul>
          </li>
        ))}
      </ul>
      <h3>审查意见</h3>
      <ol aria-label="审查意见">{detail.data!.reviews.map((r, i) => <li key={i}>第 {r.version} 稿：{label(opinions, r.opinion)}。{r.reasons}（{r.workingDays} 个工作日，{time(r.reviewedAt)}）</li>)}</ol>
      <ProblemBox error={action.error ?? counsel.error} />
      {allowed.has("Review") && (
        <form className="card" aria-label="出具审查意见" onSubmit={review}>
          <h3>出具审查意见</h3>
          <label>法律顾问<select name="counselId" aria-label="法律顾问">{counsel.data?.map((c) => <option key={c.id} value={c.id}>{c.lawyerName}（{c.lawFirm}）</option>)}</select></label>
          <label>意见<select name="opinion" aria-label="意见"><Options names={opinions} /></select></label>
          <label>理由<textarea name="reasons" rows={3} aria-label="理由" /></label>
          <label>依据条款<textarea name="provisions" rows={2} aria-label="依据条款" placeholder="每行一条" /></label>
          {counsel.data?.length === 0 && <p className="hint">本村尚无在聘法律顾问，请先登记法律顾问再出具意见。</p>}
          {/* The opinion names its counsel: until the village's counsel are loaded there is nothing to send. */}
          <button type="submit" disabled={!counsel.data || counsel.data.length === 0}>提交意见</button>
        </form>
      )}
      {allowed.has("File") && (
        <div className="card">
          <h3>备案</h3>
          <p>事项经审查合法，可予备案并取得镇备案号。</p>
          <button type="button" onClick={() => void send("filing", {})}>备案</button>
        </div>
      )}
    </section>
  );
}
