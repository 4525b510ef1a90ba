import { useEffect, useRef, useState } from "react";
import * as echarts from "echarts/core";
import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);
import { api } from "../api";
import { ProblemBox, useLoad } from "./Common";

interface Village { code: string; townCode: string; name: string }
interface FigureValue { code: string; part: string; label: string; unit: string; value: number; previousYear: number; breakdown: { key: string; label: string; value: number }[] }
interface FigureSet { townCode: string; year: number; countedAt: string; figures: FigureValue[] }

/** 数据: the year's figures counted from what the services recorded, against last year (党政办, 司法所). */
export function Figures() {
  const villages = useLoad(() => api<Village[]>("/api/governance/villages"), []);
  const town = villages.data?.[0]?.townCode;
  const [year, setYear] = useState(new Date().getFullYear());
  const figures = useLoad(() => (town ? api<FigureSet>(`/api/reports/figures?townCode=${town}&year=${year}`) : Promise.resolve(undefined)), [town, year]);
  const chart = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!chart.current || !figures.data) return;
    const instance = echarts.init(chart.current);
    const shown = figures.data.figures.filter((f) => f.value > 0 || f.previousYear > 0);
    instance.setOption({
      tooltip: { trigger: "axis" },
      legend: { data: [`${year - 1}年`, `${year}年`] },
      grid: { left: 220, right: 24, top: 32, bottom: 24 },
      xAxis: { type: "value" },
      yAxis: { type: "category", data: shown.map((f) => f.label), axisLabel: { width: 200, overflow: "truncate" } },
      series: [
        { name: `${year - 1}年`, type: "bar", data: shown.map((f) => f.previousYear) },
        { name: `${year}年`, type: "bar", data: shown.map((f) => f.value) },
      ],
    });
    chart.current.style.height = `${Math.max(240, shown.length * 36 + 60)}px`;
    instance.resize();
    return () => instance.dispose();
  }, [figures.data, year]);

  return (
    <section>
      <h2>工作数据</h2>
      <div className="toolbar">
        <label>年度<input type="number" value={year} min={2000} max={2100} onChange={(e) => setYear(Number(e.target.value))} aria-label="年度" /></label>
        <button onClick={figures.reload}>刷新</button>
        {figures.data && <span>统计时间：{new Date(figures.data.countedAt).toLocaleString("zh-CN", { hour12: false })}</span>}
      </div>
      <ProblemBox error={villages.error ?? figures.error} />
      <div ref={chart} className="chart" aria-label="年度数据图表" />
      <table aria-label="年度数据">
        <thead><tr><th>部分</th><th>指标</th><th>本年</th><th>上年</th></tr></thead>
        <tbody>{figures.data?.figures.map((f) => <tr key={f.code}><td>{f.part}</td><td>{f.label}</td><td>{f.value}{f.unit}</td><td>{f.previousYear}{f.unit}</td></tr>)}</tbody>
      </table>
    </section>
  );
}
