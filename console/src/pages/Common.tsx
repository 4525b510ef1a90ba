import { createContext, FormEvent, useContext, useEffect, useState } from "react";
import { api, Problem, upload } from "../api";

/** A refusal or a failure as the service explained it (ProblemDetails, in Chinese). */
export function ProblemBox({ error }: { error: unknown }) {
  if (!error) return null;
  const problem = error instanceof Problem ? error : new Problem(0, "操作失败", String(error));
  return (
    <div className="problem" role="alert">
      <strong>{problem.title}</strong>
      {problem.lines.map((line) => (
        <div key={line}>{line}</div>
      ))}
    </div>
  );
}

/** Loads on mount and whenever a dependency changes; `reload` asks again. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data?: T; error?: unknown; reload: () => void } {
  const [state, setState] = useState<{ data?: T; error?: unknown }>({});
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ data }),
      (error) => live && setState({ error }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}

export function Pager({ offset, limit, count, onChange }: { offset: number; limit: number; count: number; onChange: (offset: number) => void }) {
  return (
    <div className="pager">
      <button disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>上一页</button>
      <span>第 {offset / limit + 1} 页</span>
      <button disabled={count < limit} onClick={() => onChange(offset + limit)}>下一页</button>
    </div>
  );
}

/** The signed-in user's roles and place, so a page offers only the actions the services would allow them. */
export const RolesContext = createContext<{ roles: string[]; department: string | null }>({ roles: [], department: null });

export function useRoles(): { has: (...roles: string[]) => boolean; department: string | null } {
  const { roles, department } = useContext(RolesContext);
  return { has: (...wanted) => roles.includes("Administrator") || wanted.some((r) => roles.includes(r)), department };
}

interface TownVillage { code: string; townCode: string; name: string }

/** The towns staff work in, from the village directory; the first is chosen until the user picks another. */
export function useTown(): { town?: string; towns: string[]; villages: TownVillage[]; loaded: boolean; error?: unknown; choose: (town: string) => void } {
  const villages = useLoad(() => api<TownVillage[]>("/api/governance/villages"), []);
  const [chosen, choose] = useState<string>();
  const towns = [...new Set(villages.data?.map((v) => v.townCode) ?? [])].sort();
  const town = chosen ?? towns[0];
  return { town, towns, villages: villages.data?.filter((v) => v.townCode === town) ?? [], loaded: villages.data !== undefined, error: villages.error, choose };
}

export function TownSelect({ town }: { town: ReturnType<typeof useTown> }) {
  if (town.towns.length === 0 && !town.error) {
    return <span className="hint" role="note">{town.loaded ? "村居目录为空：请综治中心先导入本镇村居。" : "加载中…"}</span>;
  }
  return (
    <label>乡镇
      <select value={town.town ?? ""} onChange={(e) => town.choose(e.target.value)} aria-label="乡镇">
        {town.towns.map((t) => <option key={t} value={t}>{t}</option>)}
      </select>
    </label>
  );
}

/**
 * A form's submission: the body is built from its fields, the service's refusal is kept to show, the form is
 * cleared and `done` runs only when the service accepted it. `busy` disables the button while it is in flight.
 */
export function useSubmit(): {
  error: unknown; busy: boolean; setError: (e: unknown) => void;
  submit: (path: string, body: (form: FormData) => unknown, done?: (result: unknown) => void, method?: string) => (event: FormEvent<HTMLFormElement>) => void;
  run: (path: string, body: unknown, done?: (result: unknown) => void, method?: string) => Promise<void>;
} {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  async function run(path: string, body: unknown, done?: (result: unknown) => void, method = "POST") {
    setError(undefined);
    setBusy(true);
    try {
      const result = await api<unknown>(path, { method, body });
      done?.(result);
    } catch (e) {
      setError(e);
      throw e;
    } finally {
      setBusy(false);
    }
  }
  return {
    error, busy, setError, run: (path, body, done, method) => run(path, body, done, method).catch(() => undefined),
    submit: (path, body, done, method) => (event) => {
      event.preventDefault();
      const target = event.currentTarget;
      run(path, body(new FormData(target)), (result) => { target.reset(); done?.(result); }, method).catch(() => undefined);
    },
  };
}

/** Text fields split into a list: one per line or separated by 、；; */
export const listOf = (value: FormDataEntryValue | null) => String(value ?? "").split(/[\n、；;,，]/).map((v) => v.trim()).filter((v) => v.length > 0);

/** A CSV import with its progress: bytes sent, then the service applying it, then what it did. */
export function CsvImport({ title, path, columns, onDone }: { title: string; path: string; columns: string; onDone: () => void }) {
  const [progress, setProgress] = useState<{ sent: number; total: number; stage: "sending" | "applying" | "done"; result?: unknown }>();
  const [error, setError] = useState<unknown>();
  async function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = (new FormData(event.currentTarget).get("file") as File | null);
    if (!file || file.size === 0) {
      setError(new Problem(400, "请选择要导入的 CSV 文件"));
      return;
    }
    setError(undefined);
    setProgress({ sent: 0, total: file.size, stage: "sending" });
    try {
      const result = await upload<unknown>(path, file, "text/csv", (sent, total) =>
        setProgress({ sent, total, stage: sent >= total ? "applying" : "sending" }));
      setProgress({ sent: file.size, total: file.size, stage: "done", result });
      onDone();
    } catch (e) {
      setProgress(undefined);
      setError(e);
    }
  }
  const percent = progress ? Math.round((100 * progress.sent) / Math.max(1, progress.total)) : 0;
  return (
    <form className="card" aria-label={title} onSubmit={send}>
      <h3>{title}</h3>
      <p className="hint">列：{columns}。整份文件全部导入或全部不导入。</p>
      <input type="file" name="file" accept=".csv,text/csv" aria-label="CSV 文件" />
      {progress && (
        <div role="status" aria-label="导入进度" className="progress">
          <progress max={100} value={percent} />{" "}
          {progress.stage === "sending" ? `上传中 ${percent}%` : progress.stage === "applying" ? "已上传，服务正在校验并导入…" : `导入完成${summary(progress.result)}`}
        </div>
      )}
      <ProblemBox error={error} />
      <button type="submit" disabled={progress?.stage === "sending" || progress?.stage === "applying"}>导入</button>
    </form>
  );
}

function summary(result: unknown): string {
  if (Array.isArray(result)) return `：${result.length} 条`;
  if (result && typeof result === "object") {
    const counts = Object.entries(result as Record<string, unknown>).filter(([, v]) => typeof v === "number");
    const names: Record<string, string> = { imported: "已导入", created: "新增", updated: "更新" };
    if (counts.length > 0) return `：${counts.map(([k, v]) => `${names[k] ?? k} ${v} 条`).join("，")}`;
  }
  return "";
}

/** The options of a select: the API's names as values, the staff's words as text. */
export function Options({ names }: { names: Record<string, string> }) {
  return <>{Object.entries(names).map(([value, text]) => <option key={value} value={value}>{text}</option>)}</>;
}

export const pageSize = 20;

/**
 * A list paged, filtered and sorted on the server: the filters become the query (empty ones left out), and a
 * change of filter goes back to the first page. `<Pager {...list.pager} />` moves through the pages.
 */
export function usePaged<T>(path: string, filters: Record<string, string | number | boolean | undefined>) {
  const [offset, setOffset] = useState(0);
  const query = Object.entries(filters)
    .filter(([, value]) => value !== undefined && value !== "" && value !== false)
    .map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`)
    .join("&");
  const [shownQuery, setShownQuery] = useState(query);
  if (query !== shownQuery) {
    // Adjusting state while rendering, as React recommends over an effect: the new filter starts on page one.
    setShownQuery(query);
    setOffset(0);
  }
  const list = useLoad(() => api<T[]>(`${path}?${query}${query ? "&" : ""}limit=${pageSize}&offset=${offset}`), [path, query, offset]);
  return { ...list, pager: { offset, limit: pageSize, count: list.data?.length ?? 0, onChange: setOffset } };
}
