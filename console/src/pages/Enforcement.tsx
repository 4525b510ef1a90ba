import { useState } from "react";
import { api } from "../api";
import { navigate } from "../router";
import {
  certificateStatuses, documentStatuses, enforcementCaseStatuses, enforcementKinds, enforcementSteps, label, lawsuitOutcomes, legalOpinions, time, today,
} from "../vocabulary";
import { listOf, Options, Pager, ProblemBox, TownSelect, useLoad, usePaged, useRoles, useSubmit, useTown } from "./Common";

interface Certificate { id: string; number: string; issuedOn: string; validUntil: string; status: string; lastReviewYear: number | null; validToday: boolean }
interface Officer { id: string; department: string; name: string; identityNumber: string; certificate: Certificate | null }
interface EnforcementCase {
  id: string; townCode: string; department: string; kind: string; partyName: string; partyCreditCode: string | null; partyIdentityMasked: string | null;
  legalBasis: string; status: string; major: boolean; latestOpinion: string | null; decisionContent: string | null; decidedAt: string | null;
  publishDueOn: string | null; publishedAt: string | null; publicationOverdue: boolean; openedAt: string; closedAt: string | null; allowedActions: string[];
}
interface CaseRecord { sequence: number; step: string; actor: string; recordedAt: string; content: string; previousHash: string; hash: string }
interface LegalReview { reviewer: string; opinion: string; reasons: string; reviewedAt: string }
interface CaseDetail { case: EnforcementCase; officerIds: string[]; records: CaseRecord[]; legalReviews: LegalReview[] }
interface Verification { intact: boolean; records: number; brokenAt: number | null; reason: string | null }
interface Overdue { caseId: string; department: string; decidedAt: string; publishDueOn: string }
interface Lawsuit { id: string; caseNumber: string; cause: string; filedOn: string; hearings: number; headAppeared: number; outcome: string | null; decidedOn: string | null }
interface NormativeDocument { id: string; title: string; status: string; publishedOn: string | null; filingDueOn: string | null; filedOn: string | null; filingOverdue: boolean; reviewResult: string | null }
interface Disclosure { id: string; subject: string; receivedOn: string; dueOn: string; extended: boolean; extensionReason: string | null; answeredOn: string | null; overdue: boolean }

const tabs = [
  { key: "cases", title: "执法案件", roles: ["JusticeOffice", "EnforcementDepartment"] },
  { key: "officers", title: "执法人员与证件", roles: ["JusticeOffice", "EnforcementDepartment"] },
  { key: "publication", title: "决定公示期限", roles: ["JusticeOffice", "EnforcementDepartment"] },
  { key: "lawsuits", title: "行政诉讼", roles: ["JusticeOffice", "PartyGovernmentOffice"] },
  { key: "documents", title: "规范性文件", roles: ["JusticeOffice", "PartyGovernmentOffice"] },
  { key: "disclosures", title: "依申请公开", roles: ["JusticeOffice", "PartyGovernmentOffice"] },
];

/** 行政执法: officers and certificates, cases with their record chain and review gate, and the oversight records. */
export function Enforcement() {
  const roles = useRoles();
  const town = useTown();
  const mine = tabs.filter((t) => roles.has(...t.roles));
  const [tab, setTab] = useState<string>();
  const current = tab ?? mine[0]?.key;
  return (
    <section>
      <h2>行政执法</h2>
      <div className="toolbar">
        <TownSelect town={town} />
        <nav className="tabs" aria-label="执法工作">
          {mine.map((t) => <button key={t.key} type="button" className={t.key === current ? "active" : ""} aria-pressed={t.key === current} onClick={() => setTab(t.key)}>{t.title}</button>)}
        </nav>
      </div>
      <ProblemBox error={town.error} />
      {town.town && current === "cases" && <CaseList town={town.town} />}
      {town.town && current === "officers" && <Officers town={town.town} />}
      {town.town && current === "publication" && <OverduePublications town={town.town} />}
      {town.town && current === "lawsuits" && <Lawsuits town={town.town} />}
      {town.town && current === "documents" && <Documents town={town.town} />}
      {town.town && current === "disclosures" && <Disclosures town={town.town} />}
    </section>
  );
}

function Officers({ town }: { town: string }) {
  const roles = useRoles();
  const officers = useLoad(() => api<Officer[]>(`/api/enforcement/officers?townCode=${town}`), [town]);
  const action = useSubmit();
  const office = roles.has("JusticeOffice");
  return (
    <>
      <div className="sticky-problem"><ProblemBox error={officers.error ?? action.error} /></div>
      <table aria-label="执法人员">
        <thead><tr><th>姓名</th><th>部门</th><th>身份证号</th><th>执法证号</th><th>有效期至</th><th>状态</th>{office && <th>办理</th>}</tr></thead>
        <tbody>{officers.data?.map((o) => (
          <tr key={o.id}>
            <td>{o.name}</td><td>{o.department}</td><td>{o.identityNumber}</td>
            <td>{o.certificate?.number ?? "未申领"}</td><td>{o.certificate?.validUntil ?? "—"}</td>
            <td>{o.certificate ? `${label(certificateStatuses, o.certificate.status)}${o.certificate.validToday ? "" : "（今日不可执法）"}` : "—"}</td>
            {office && (
              <td>{o.certificate
                ? <span className="inline-actions">
                    <button type="button" onClick={() => action.run(`/api/enforcement/certificates/${o.certificate!.id}/annual-review`, { year: new Date().getFullYear() }, officers.reload)}>年审</button>
                    <button type="button" onClick={() => action.run(`/api/enforcement/certificates/${o.certificate!.id}/revocation`, {}, officers.reload)}>注销</button>
                  </span>
                : <form className="inline-actions" aria-label={`为${o.name}申领执法证`} onSubmit={action.submit(`/api/enforcement/officers/${o.id}/certificate`, (f) => ({ number: f.get("number"), validUntil: f.get("validUntil") }), officers.reload)}>
                    <input name="number" aria-label="执法证号" placeholder="执法证号" />
                    <input name="validUntil" type="date" aria-label="有效期至" />
                    <button type="submit" disabled={action.busy}>申领</button>
                  </form>}
              </td>
            )}
          </tr>
        ))}</tbody>
      </table>
      {office && (
        <form className="card" aria-label="登记执法人员" onSubmit={action.submit("/api/enforcement/officers", (f) => ({ townCode: town, department: f.get("department"), name: f.get("name"), identityNumber: f.get("identityNumber") }), officers.reload)}>
          <h3>登记行政执法人员</h3>
          <label>部门<input name="department" aria-label="部门" /></label>
          <label>姓名<input name="name" aria-label="姓名" /></label>
          <label>身份证号<input name="identityNumber" aria-label="身份证号" /></label>
          <p className="hint">申领执法证须本年度学法考试合格；身份证号加密保存，仅显示脱敏号码。</p>
          <button type="submit" disabled={action.busy}>登记</button>
        </form>
      )}
    </>
  );
}

function CaseList({ town }: { town: string }) {
  const roles = useRoles();
  const [status, setStatus] = useState("Open");
  const [kind, setKind] = useState("");
  const [awaiting, setAwaiting] = useState(false);
  const cases = usePaged<EnforcementCase>("/api/enforcement/cases", { townCode: town, status, kind, awaitingPublication: awaiting });
  return (
    <>
      <div className="toolbar">
        <label>状态
          <select value={status} onChange={(e) => setStatus(e.target.value)} aria-label="执法案件状态">
            <option value="">全部</option>
            <Options names={enforcementCaseStatuses} />
          </select>
        </label>
        <label>类别
          <select value={kind} onChange={(e) => setKind(e.target.value)} aria-label="执法类别">
            <option value="">全部</option>
            <Options names={enforcementKinds} />
          </select>
        </label>
        <label><input type="checkbox" checked={awaiting} onChange={(e) => setAwaiting(e.target.checked)} />只看待公示</label>
        <button onClick={cases.reload}>刷新</button>
      </div>
      <ProblemBox error={cases.error} />
      <table aria-label="执法案件">
        <thead><tr><th>立案时间</th><th>部门</th><th>类别</th><th>当事人</th><th>重大</th><th>法制审核</th><th>决定</th><th>公示</th><th>状态</th></tr></thead>
        <tbody>{cases.data?.map((c) => (
          <tr key={c.id} className={c.publicationOverdue ? "overdue" : ""}>
            <td>{time(c.openedAt)}</td><td>{c.department}</td><td>{label(enforcementKinds, c.kind)}</td>
            <td><a href={`/console/enforcement/cases/${c.id}`} onClick={(e) => { e.preventDefault(); navigate(`/console/enforcement/cases/${c.id}`); }}>{c.partyName}</a></td>
            <td>{c.major ? "是" : "否"}</td><td>{c.major ? label(legalOpinions, c.latestOpinion) : "—"}</td>
            <td>{c.decidedAt ? time(c.decidedAt) : "—"}</td>
            <td>{c.publishedAt ? "已公示" : c.publishDueOn ? `${c.publishDueOn} 前${c.publicationOverdue ? "（已逾期）" : ""}` : "—"}</td>
            <td>{label(enforcementCaseStatuses, c.status)}</td>
          </tr>
        ))}</tbody>
      </table>
      <Pager {...cases.pager} />
      {roles.has("EnforcementDepartment") && <RegisterCase town={town} onDone={(id) => navigate(`/console/enforcement/cases/${id}`)} />}
    </>
  );
}

function RegisterCase({ town, onDone }: { town: string; onDone: (id: string) => void }) {
  const { department } = useRoles();
  const officers = useLoad(() => api<Officer[]>(`/api/enforcement/officers?townCode=${town}`), [town]);
  const action = useSubmit();
  const usable = officers.data?.filter((o) => o.certificate?.validToday) ?? [];
  return (
    <form className="card wide" aria-label="执法立案" onSubmit={action.submit("/api/enforcement/cases", (f) => ({
      townCode: town, department, kind: f.get("kind"), legalBasis: f.get("legalBasis"), facts: f.get("facts"),
      major: f.get("major") === "on", officerIds: f.getAll("officerIds").map(String),
      party: { name: f.get("partyName"), [String(f.get("partyNumberKind"))]: String(f.get("partyNumber") ?? "").trim() || undefined },
    }), (created) => onDone((created as CaseDetail).case.id))}>
      <h3>执法立案</h3>
      <ProblemBox error={officers.error ?? action.error} />
      <label>类别<select name="kind" aria-label="立案类别"><Options names={enforcementKinds} /></select></label>
      <label>当事人<input name="partyName" aria-label="当事人名称" /></label>
      <label>证件类型<select name="partyNumberKind" aria-label="证件类型"><option value="creditCode">统一社会信用代码</option><option value="identityNumber">居民身份证号</option></select></label>
      <label>证件号码<input name="partyNumber" aria-label="当事人证件号" /></label>
      <label>法律依据<textarea name="legalBasis" rows={2} aria-label="法律依据" /></label>
      <label>立案事实<textarea name="facts" rows={3} aria-label="立案事实" /></label>
      <fieldset aria-label="执法人员"><legend>执法人员（至少两名持有效执法证）</legend>
        {usable.map((o) => <label key={o.id}><input type="checkbox" name="officerIds" value={o.id} />{o.name}（{o.certificate!.number}）</label>)}
        {officers.data && usable.length === 0 && <p className="hint">本部门暂无持有效执法证的人员。</p>}
      </fieldset>
      <label>重大执法决定<input type="checkbox" name="major" aria-label="重大执法决定" /></label>
      <button type="submit" disabled={action.busy || !officers.data}>立案</button>
    </form>
  );
}

/** One case: its decision path and the record chain, which anyone who can see the case can verify. */
export function EnforcementCasePage({ id }: { id: string }) {
  const roles = useRoles();
  const detail = useLoad(() => api<CaseDetail>(`/api/enforcement/cases/${id}`), [id]);
  const [verification, setVerification] = useState<Verification>();
  const action = useSubmit();
  if (detail.error) return <ProblemBox error={detail.error} />;
  const c = detail.data?.case;
  if (!c) return <p>加载中…</p>;
  const allowed = new Set(c.allowedActions);
  const worker = roles.has("EnforcementDepartment");
  const changed = () => { setVerification(undefined); detail.reload(); };
  return (
    <section>
      <h2>{label(enforcementKinds, c.kind)} · {c.partyName}</h2>
      <p>
        <span className={`status ${c.status}`} aria-label="执法案件状态">{label(enforcementCaseStatuses, c.status)}</span> · {c.department} · 立案 {time(c.openedAt)}
        {c.partyCreditCode && <> · 统一社会信用代码 {c.partyCreditCode}</>}{c.partyIdentityMasked && <> · 身份证号 {c.partyIdentityMasked}</>}
      </p>
      <p>法律依据：{c.legalBasis}</p>
      <dl className="facts">
        <dt>重大执法决定</dt><dd>{c.major ? "是" : "否"}</dd>
        {c.major && <><dt>法制审核</dt><dd aria-label="法制审核结论">{label(legalOpinions, c.latestOpinion) === "—" ? "待审核" : label(legalOpinions, c.latestOpinion)}</dd></>}
        <dt>决定</dt><dd aria-label="执法决定">{c.decisionContent ?? "未作出"}</dd>
        <dt>公示</dt><dd aria-label="公示情况">{c.publishedAt ? `已于 ${time(c.publishedAt)} 公示` : c.publishDueOn ? `应于 ${c.publishDueOn} 前公示${c.publicationOverdue ? "（已逾期）" : ""}` : "—"}</dd>
      </dl>
      {detail.data!.legalReviews.length > 0 && (
        <>
          <h3>法制审核意见</h3>
          <ol aria-label="法制审核意见列表">{detail.data!.legalReviews.map((r, i) => <li key={i}>{r.reviewer}：{label(legalOpinions, r.opinion)}。{r.reasons}（{time(r.reviewedAt)}）</li>)}</ol>
        </>
      )}
      <h3>执法全过程记录</h3>
      <ol className="timeline" aria-label="执法全过程记录">
        {detail.data!.records.map((r) => (
          <li key={r.sequence}>{r.sequence}. {label(enforcementSteps, r.step)} · {time(r.recordedAt)} · {r.content} <code title={r.hash}>{r.hash.slice(0, 12)}…</code></li>
        ))}
      </ol>
      <div className="toolbar">
        <button type="button" onClick={() => api<Verification>(`/api/enforcement/cases/${id}/records/verification`).then(setVerification, action.setError)}>校验记录链</button>
        {verification && (
          <span role="status" aria-label="校验结果" className={verification.intact ? "ok" : "problem"}>
            {verification.intact ? `记录链完整（${verification.records} 条）` : `记录链自第 ${verification.brokenAt} 条起断裂：${verification.reason}`}
          </span>
        )}
      </div>
      <div className="sticky-problem"><ProblemBox error={action.error} /></div>
      {worker && allowed.has("AppendRecord") && (
        <form className="card" aria-label="追加记录" onSubmit={action.submit(`/api/enforcement/cases/${id}/records`, (f) => ({ step: f.get("step"), content: f.get("content") }), changed)}>
          <h3>追加执法记录</h3>
          <label>环节<select name="step" aria-label="环节">{Object.entries(enforcementSteps).filter(([k]) => !["Register", "Decide", "Close"].includes(k)).map(([k, v]) => <option key={k} value={k}>{v}</option>)}</select></label>
          <label>内容<textarea name="content" rows={2} aria-label="记录内容" /></label>
          <button type="submit" disabled={action.busy}>追加记录</button>
        </form>
      )}
      {roles.has("JusticeOffice") && allowed.has("LegalReview") && (
        <form className="card" aria-label="法制审核" onSubmit={action.submit(`/api/enforcement/cases/${id}/legal-review`, (f) => ({ reviewer: f.get("reviewer"), opinion: f.get("opinion"), reasons: f.get("reasons") }), changed)}>
          <h3>重大执法决定法制审核</h3>
          <label>审核人<input name="reviewer" aria-label="审核人" /></label>
          <label>意见<select name="opinion" aria-label="审核意见"><Options names={legalOpinions} /></select></label>
          <label>理由<textarea name="reasons" rows={2} aria-label="审核理由" /></label>
          <button type="submit" disabled={action.busy}>提交审核意见</button>
        </form>
      )}
      {worker && allowed.has("Decide") && (
        <form className="card" aria-label="作出决定" onSubmit={action.submit(`/api/enforcement/cases/${id}/decision`, (f) => ({ content: f.get("content") }), changed)}>
          <h3>作出执法决定</h3>
          <label>决定内容<textarea name="content" rows={3} aria-label="决定内容" /></label>
          <p className="hint">决定作出后 7 个工作日内应当公示。</p>
          <button type="submit" disabled={action.busy}>作出决定</button>
        </form>
      )}
      {worker && c.major && !allowed.has("Decide") && allowed.has("LegalReview") && <p className="hint" role="note">重大执法决定须经法制审核同意后方可作出。</p>}
      {worker && allowed.has("Publish") && (
        <div className="card">
          <h3>行政执法公示</h3>
          <button type="button" disabled={action.busy} onClick={() => action.run(`/api/enforcement/cases/${id}/publication`, {}, changed)}>公示决定</button>
        </div>
      )}
      {worker && allowed.has("Close") && (
        <form className="card" aria-label="结案" onSubmit={action.submit(`/api/enforcement/cases/${id}/closure`, (f) => ({ summary: f.get("summary"), lawsApplied: listOf(f.get("laws")), explainLawThroughCase: f.get("explain") === "on" }), changed)}>
          <h3>结案</h3>
          <label>结案情况<textarea name="summary" rows={2} aria-label="结案情况" /></label>
          <label>适用法律<textarea name="laws" rows={2} aria-label="适用法律" placeholder="每行一部，或以顿号分隔" /></label>
          <label>以案释法<input type="checkbox" name="explain" aria-label="以案释法" /></label>
          <button type="submit" disabled={action.busy}>结案</button>
        </form>
      )}
    </section>
  );
}

function OverduePublications({ town }: { town: string }) {
  const overdue = useLoad(() => api<Overdue[]>(`/api/enforcement/publications/overdue?townCode=${town}`), [town]);
  return (
    <>
      <p className="hint">执法决定应在作出后 7 个工作日内公示；以下决定已逾期未公示。</p>
      <ProblemBox error={overdue.error} />
      <table aria-label="逾期未公示的决定">
        <thead><tr><th>部门</th><th>决定时间</th><th>应公示日期</th><th>案件</th></tr></thead>
        <tbody>{overdue.data?.map((o) => (
          <tr key={o.caseId} className="overdue"><td>{o.department}</td><td>{time(o.decidedAt)}</td><td>{o.publishDueOn.slice(0, 10)}</td>
            <td><a href={`/console/enforcement/cases/${o.caseId}`} onClick={(e) => { e.preventDefault(); navigate(`/console/enforcement/cases/${o.caseId}`); }}>查看</a></td></tr>
        ))}</tbody>
      </table>
      {overdue.data?.length === 0 && <p>没有逾期未公示的决定。</p>}
    </>
  );
}

function Lawsuits({ town }: { town: string }) {
  const [open, setOpen] = useState(true);
  const lawsuits = usePaged<Lawsuit>("/api/enforcement/lawsuits", { townCode: town, open });
  const action = useSubmit();
  return (
    <>
      <div className="toolbar"><label><input type="checkbox" checked={open} onChange={(e) => { setOpen(e.target.checked); }} />只看未结</label></div>
      <div className="sticky-problem"><ProblemBox error={lawsuits.error ?? action.error} /></div>
      <table aria-label="行政诉讼">
        <thead><tr><th>案号</th><th>案由</th><th>立案日期</th><th>开庭</th><th>负责人出庭</th><th>结果</th><th>办理</th></tr></thead>
        <tbody>{lawsuits.data?.map((l) => (
          <tr key={l.id}>
            <td>{l.caseNumber}</td><td>{l.cause}</td><td>{l.filedOn}</td><td>{l.hearings}</td><td>{l.headAppeared}</td>
            <td>{l.outcome ? `${label(lawsuitOutcomes, l.outcome)}（${l.decidedOn}）` : "未结"}</td>
            <td>{!l.outcome && (
              <span className="inline-actions">
                <button type="button" onClick={() => action.run(`/api/enforcement/lawsuits/${l.id}/hearings`, { heldOn: today(), headAppeared: true }, lawsuits.reload)}>今日开庭·负责人出庭</button>
                <button type="button" onClick={() => action.run(`/api/enforcement/lawsuits/${l.id}/hearings`, { heldOn: today(), headAppeared: false }, lawsuits.reload)}>今日开庭·未出庭</button>
                {Object.entries(lawsuitOutcomes).map(([k, v]) => <button key={k} type="button" onClick={() => action.run(`/api/enforcement/lawsuits/${l.id}/outcome`, { outcome: k, decidedOn: today() }, lawsuits.reload)}>{v}</button>)}
              </span>
            )}</td>
          </tr>
        ))}</tbody>
      </table>
      <Pager {...lawsuits.pager} />
      <form className="card" aria-label="登记行政诉讼" onSubmit={action.submit("/api/enforcement/lawsuits", (f) => ({ townCode: town, caseNumber: f.get("caseNumber"), cause: f.get("cause"), filedOn: f.get("filedOn") }), lawsuits.reload)}>
        <h3>登记行政诉讼案件</h3>
        <label>案号<input name="caseNumber" aria-label="案号" /></label>
        <label>案由<input name="cause" aria-label="案由" /></label>
        <label>立案日期<input name="filedOn" type="date" defaultValue={today()} aria-label="立案日期" /></label>
        <button type="submit" disabled={action.busy}>登记</button>
      </form>
    </>
  );
}

function Documents({ town }: { town: string }) {
  const [status, setStatus] = useState("");
  const documents = usePaged<NormativeDocument>("/api/enforcement/documents", { townCode: town, status });
  const action = useSubmit();
  const step = (d: NormativeDocument, path: string, body: unknown) => action.run(`/api/enforcement/documents/${d.id}/${path}`, body, documents.reload);
  return (
    <>
      <div className="toolbar">
        <label>状态
          <select value={status} onChange={(e) => { setStatus(e.target.value); }} aria-label="文件状态">
            <option value="">全部</option>
            <Options names={documentStatuses} />
          </select>
        </label>
      </div>
      <div className="sticky-problem"><ProblemBox error={documents.error ?? action.error} /></div>
      <table aria-label="规范性文件">
        <thead><tr><th>文件</th><th>状态</th><th>公布日期</th><th>报备期限</th><th>报备日期</th><th>备案审查结果</th><th>办理</th></tr></thead>
        <tbody>{documents.data?.map((d) => (
          <tr key={d.id} className={d.filingOverdue ? "overdue" : ""}>
            <td>{d.title}</td><td>{label(documentStatuses, d.status)}</td><td>{d.publishedOn ?? "—"}</td>
            <td>{d.filingDueOn ?? "—"}{d.filingOverdue ? "（已逾期）" : ""}</td><td>{d.filedOn ?? "—"}</td><td>{d.reviewResult ?? "—"}</td>
            <td>
              {d.status === "Draft" && <button type="button" onClick={() => step(d, "legality-review", { lawful: true, opinion: "经合法性审核，符合法律法规规定" })}>合法性审核通过</button>}
              {d.status === "Reviewed" && <button type="button" onClick={() => step(d, "publication", { on: today() })}>今日公布</button>}
              {d.status === "Published" && <button type="button" onClick={() => step(d, "filing", { on: today() })}>今日报备</button>}
              {d.status === "Filed" && !d.reviewResult && <button type="button" onClick={() => step(d, "review-result", { result: "区司法局备案审查：予以备案" })}>记录备案审查结果</button>}
            </td>
          </tr>
        ))}</tbody>
      </table>
      <Pager {...documents.pager} />
      <form className="card" aria-label="起草规范性文件" onSubmit={action.submit("/api/enforcement/documents", (f) => ({ townCode: town, title: f.get("title") }), documents.reload)}>
        <h3>起草规范性文件</h3>
        <label>标题<input name="title" aria-label="文件标题" /></label>
        <p className="hint">公布后 30 日内报区备案。</p>
        <button type="submit" disabled={action.busy}>起草</button>
      </form>
    </>
  );
}

function Disclosures({ town }: { town: string }) {
  const [open, setOpen] = useState(true);
  const disclosures = usePaged<Disclosure>("/api/enforcement/disclosures", { townCode: town, open });
  const action = useSubmit();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  return (
    <>
      <div className="toolbar"><label><input type="checkbox" checked={open} onChange={(e) => { setOpen(e.target.checked); }} />只看未答复</label></div>
      <div className="sticky-problem"><ProblemBox error={disclosures.error ?? action.error} /></div>
      <table aria-label="依申请公开">
        <thead><tr><th>申请内容</th><th>收到日期</th><th>答复期限</th><th>延期</th><th>答复日期</th><th>办理</th></tr></thead>
        <tbody>{disclosures.data?.map((d) => (
          <tr key={d.id} className={d.overdue ? "overdue" : ""}>
            <td>{d.subject}</td><td>{d.receivedOn}</td><td>{d.dueOn}{d.overdue ? "（已逾期）" : ""}</td><td>{d.extended ? `已延期：${d.extensionReason}` : "—"}</td><td>{d.answeredOn ?? "—"}</td>
            <td>{!d.answeredOn && (
              <span className="inline-actions">
                <button type="button" onClick={() => action.run(`/api/enforcement/disclosures/${d.id}/answer`, { on: today() }, disclosures.reload)}>今日答复</button>
                {!d.extended && <>
                  <input value={reasons[d.id] ?? ""} onChange={(e) => setReasons({ ...reasons, [d.id]: e.target.value })} aria-label="延期理由" placeholder="延期理由" />
                  <button type="button" onClick={() => action.run(`/api/enforcement/disclosures/${d.id}/extension`, { reason: reasons[d.id] ?? "" }, disclosures.reload)}>延期</button>
                </>}
              </span>
            )}</td>
          </tr>
        ))}</tbody>
      </table>
      <Pager {...disclosures.pager} />
      <form className="card" aria-label="收到公开申请" onSubmit={action.submit("/api/enforcement/disclosures", (f) => ({ townCode: town, subject: f.get("subject"), receivedOn: f.get("receivedOn") }), disclosures.reload)}>
        <h3>登记政府信息公开申请</h3>
        <label>申请内容<input name="subject" aria-label="申请内容" /></label>
        <label>收到日期<input name="receivedOn" type="date" defaultValue={today()} aria-label="收到日期" /></label>
        <p className="hint">20 个工作日内答复；确需延长的，可延期一次 20 个工作日并说明理由。</p>
        <button type="submit" disabled={action.busy}>登记</button>
      </form>
    </>
  );
}
