import { useEffect, useState } from "react";
import { Problem } from "../api";

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
