import { useState } from "react";
import { api } from "../api";
import { navigate } from "../router";
import { applicationStatuses, caseStatuses, categories, label, levels, mediatorGrades, time } from "../vocabulary";
import { CsvImport, ProblemBox, TownSelect, useLoad, useRoles, useSubmit, useTown } from "./Common";

interface NetworkNode { code: string; name: string; level: string; parentCode: string | null; villageCode: string | null; townCode: string }
interface Mediator { id: string; nodeCode: string; name: string; identityNumber: string; phone: string; grade: string | null; active: boolean }
interface GradeApplication { id: string; mediatorId: string; requestedGrade: string; appliedAt: string; status: string; reasons: string | null }
interface CaseView { id: string; villageCode: string; level: string; category: string; summary: string; status: string; overdue: boolean; daysOpen: number }

/**
 * 调解网络: the four levels 镇—管区—片区—村居 as a tree; a node's mediators (with grades) and the open cases of
 * the node and everything below it; 司法所 evaluates grade applications and imports the network from CSV.
 */
export function Network() {
  const roles = useRoles();
  const town = useTown();
  const nodes = useLoad(() => (town.town ? api<NetworkNode[]>(`/api/mediation/network?townCode=${town.town}`) : Promise.resolve([])), [town.town]);
  const [selected, setSelected] = useState<string>();
  const [graded, setGraded] = useState(0);
  const node = nodes.data?.find((n) => n.code === selected) ?? nodes.data?.find((n) => n.parentCode === null);
  const office = roles.has("JusticeOffice");
  return (
    <section>
      <h2>人民调解网络</h2>
      <div className="toolbar"><TownSelect town={town} /><button onClick={nodes.reload}>刷新</button></div>
      <ProblemBox error={town.error ?? nodes.error} />
      <div className="split">
        <nav aria-label="调解网络" className="tree">
          <Branch nodes={nodes.data ?? []} parent={null} selected={node?.code} onSelect={setSelected} />
          {nodes.data?.length === 0 && <p className="hint">本镇尚未建立调解网络。</p>}
        </nav>
        <div>{node && <NodePanel node={node} version={graded} />}</div>
      </div>
      {office && <GradeApplications onGraded={() => setGraded((v) => v + 1)} />}
      {office && (
        <CsvImport title="导入调解网络" path="/api/mediation/network/csv" columns="code,name,level,parentCode（层级填 镇/管区/片区/村居）" onDone={nodes.reload} />
      )}
    </section>
  );
}

function Branch({ nodes, parent, selected, onSelect }: { nodes: NetworkNode[]; parent: string | null; selected?: string; onSelect: (code: string) => void }) {
  const children = nodes.filter((n) => n.parentCode === parent || (parent === null && n.parentCode !== null && !nodes.some((p) => p.code === n.parentCode)));
  if (children.length === 0) return null;
  return (
    <ul>
      {children.map((n) => (
        <li key={n.code}>
          <button type="button" className={`link ${n.code === selected ? "current" : ""}`} aria-current={n.code === selected} onClick={() => onSelect(n.code)}>
            {label(levels, n.level)} · {n.name}
          </button>
          <Branch nodes={nodes} parent={n.code} selected={selected} onSelect={onSelect} />
        </li>
      ))}
    </ul>
  );
}

function NodePanel({ node, version }: { node: NetworkNode; version: number }) {
  const roles = useRoles();
  const mediators = useLoad(() => (roles.has("JusticeOffice", "Mediator") ? api<Mediator[]>(`/api/mediation/mediators?nodeCode=${node.code}`) : Promise.resolve([])), [node.code, version]);
  const open = useLoad(() => api<CaseView[]>(`/api/mediation/cases?nodeCode=${node.code}&status=Open&limit=20`), [node.code]);
  return (
    <>
      <h3 aria-label="所选节点">{label(levels, node.level)} · {node.name}（{node.code}）</h3>
      <ProblemBox error={mediators.error ?? open.error} />
      {roles.has("JusticeOffice", "Mediator") && (
        <table aria-label="调解员">
          <thead><tr><th>调解员</th><th>所在节点</th><th>等级</th><th>电话</th><th>身份证号</th></tr></thead>
          <tbody>{mediators.data?.map((m) => (
            <tr key={m.id}><td>{m.name}</td><td>{m.nodeCode}</td><td>{m.grade ? label(mediatorGrades, m.grade) : "未评定"}</td><td>{m.phone}</td><td>{m.identityNumber}</td></tr>
          ))}</tbody>
        </table>
      )}
      <h3>本级及以下在办案件{open.data && `（${open.data.length}${open.data.length === 20 ? "+" : ""} 件，超期 ${open.data.filter((c) => c.overdue).length} 件）`}</h3>
      <table aria-label="在办案件">
        <thead><tr><th>村居</th><th>层级</th><th>类别</th><th>简要情况</th><th>状态</th><th>已办天数</th></tr></thead>
        <tbody>{open.data?.map((c) => (
          <tr key={c.id} className={c.overdue ? "overdue" : ""}>
            <td>{c.villageCode}</td><td>{label(levels, c.level)}</td><td>{label(categories, c.category)}</td>
            <td><a href={`/console/cases/${c.id}`} onClick={(e) => { e.preventDefault(); navigate(`/console/cases/${c.id}`); }}>{c.summary}</a></td>
            <td>{label(caseStatuses, c.status)}</td><td>{c.daysOpen}{c.overdue ? "（超期）" : ""}</td>
          </tr>
        ))}</tbody>
      </table>
    </>
  );
}

/** 司法所 evaluates applications for a higher grade; a refusal carries its reasons. */
function GradeApplications({ onGraded }: { onGraded: () => void }) {
  const applications = useLoad(() => api<GradeApplication[]>("/api/mediation/grade-applications?status=Applied"), []);
  const mediators = useLoad(() => api<Mediator[]>("/api/mediation/mediators"), []);
  const action = useSubmit();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const nameOf = (id: string) => mediators.data?.find((m) => m.id === id)?.name ?? id;
  const evaluate = (a: GradeApplication, granted: boolean) =>
    action.run(`/api/mediation/grade-applications/${a.id}/evaluation`, { granted, reasons: reasons[a.id] || undefined }, () => { applications.reload(); mediators.reload(); onGraded(); });
  return (
    <>
      <h3>调解员等级评定</h3>
      <ProblemBox error={applications.error ?? action.error} />
      <table aria-label="等级申请">
        <thead><tr><th>调解员</th><th>申请等级</th><th>申请时间</th><th>状态</th><th>评定</th></tr></thead>
        <tbody>{applications.data?.map((a) => (
          <tr key={a.id}>
            <td>{nameOf(a.mediatorId)}</td><td>{label(mediatorGrades, a.requestedGrade)}</td><td>{time(a.appliedAt)}</td><td>{label(applicationStatuses, a.status)}</td>
            <td className="inline-actions">
              <input aria-label="评定理由" placeholder="理由（不予评定时必填）" value={reasons[a.id] ?? ""} onChange={(e) => setReasons({ ...reasons, [a.id]: e.target.value })} />
              <button type="button" disabled={action.busy} onClick={() => evaluate(a, true)}>评定通过</button>
              <button type="button" disabled={action.busy} onClick={() => evaluate(a, false)}>不予评定</button>
            </td>
          </tr>
        ))}</tbody>
      </table>
      {applications.data?.length === 0 && <p className="hint">没有待评定的申请。</p>}
    </>
  );
}
