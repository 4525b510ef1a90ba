import { useEffect, useRef, useState } from "react";
import * as echarts from "echarts/core";
import { BarChart, LineChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import { api } from "../api";
import { ProblemBox, TownSelect, useLoad, useRoles, useTown } from "./Common";

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

interface FigureValue { code: string; part: string; label: string; unit: string; value: number; previousYear: number; breakdown: { key: string; label: string; value: number }[] }
interface FigureSet { townCode: string; year: number; countedAt: string; figures: FigureValue[] }
interface FigureDefinition { code: string; part: string; label: string; unit: string; aggregation: string }
interface MonthlyTrend { figure: string; label: string; unit: string; year: number; months: number[]; total: number }
interface VillageFigures { villageCode: string; name: string; visits: number; warnings: number; appealsCollected: number; appealsSolved: number; disputesHandledLocally: number; disputesReported: number; disputesResolvedByMediation: number }
interface GovernanceFigures { villages: VillageFigures[] }

const resolved = "mediation.disputes.resolved";

/** Draws an ECharts option into a div and disposes of the chart when the data or the page goes. */
function Chart({ option, height, label }: { option: echarts.EChartsCoreOption | undefined; height: number; label: string }) {
  const element = useRef<HTMLDivElement>(null);
  // Options are rebuilt on every render; the chart is redrawn only when what they say changes.
  const serialized = option ? JSON.stringify(option) : undefined;
  useEffect(() => {
    if (!element.current || !serialized) return;
    const chart = echarts.init(element.current);
    chart.setOption(JSON.parse(serialized));
    const resize = () => chart.resize();
    addEventListener("resize", resize);
    return () => { removeEventListener("resize", resize); chart.dispose(); };
  }, [serialized]);
  return <div ref={element} className="chart" style={{ height }} aria-label={label} role="img" />;
}

/** 工作数据: the year's figures counted from what the services recorded: against last year, month by month, by level of resolution and by village. */
export function Figures() {
  const roles = useRoles();
  const town = useTown();
  const [year, setYear] = useState(new Date().getFullYear());
  const [trendCode, setTrendCode] = useState(resolved);
  const figures = useLoad(() => (town.town ? api<FigureSet>(`/api/reports/figures?townCode=${town.town}&year=${year}`) : Promise.resolve(undefined)), [town.town, year]);
  const definitions = useLoad(() => api<FigureDefinition[]>("/api/reports/figure-definitions"), []);
  const trend = useLoad(() => (town.town ? api<MonthlyTrend>(`/api/reports/figures/${trendCode}/months?townCode=${town.town}&year=${year}`) : Promise.resolve(undefined)), [town.town, year, trendCode]);
  const byVillage = useLoad(
    () => (town.town && roles.has("GovernanceCentre", "PartyGovernmentOffice") ? api<GovernanceFigures>(`/api/governance/figures?townCode=${town.town}&from=${year}-01-01&to=${year}-12-31`) : Promise.resolve(undefined)),
    [town.town, year],
  );

  const shown = figures.data?.figures.filter((f) => f.value > 0 || f.previousYear > 0) ?? [];
  const levels = figures.data?.figures.find((f) => f.code === resolved)?.breakdown ?? [];
  const villages = byVillage.data?.villages ?? [];
  const flows = definitions.data?.filter((d) => d.aggregation === "Sum") ?? [];

  return (
    <section>
      <h2>工作数据</h2>
      <div className="toolbar">
        <TownSelect town={town} />
        <label>年度<input type="number" value={year} min={2000} max={2099} onChange={(e) => setYear(Number(e.target.value))} aria-label="年度" /></label>
        <button onClick={() => { figures.reload(); trend.reload(); byVillage.reload(); }}>刷新</button>
        {figures.data && <span>统计时间：{new Date(figures.data.countedAt).toLocaleString("zh-CN", { hour12: false })}</span>}
      </div>
      <ProblemBox error={town.error ?? figures.error ?? trend.error ?? byVillage.error ?? definitions.error} />

      <h3>月度走势</h3>
      <label>指标
        <select value={trendCode} onChange={(e) => setTrendCode(e.target.value)} aria-label="走势指标">
          {flows.map((d) => <option key={d.code} value={d.code}>{d.part} · {d.label}</option>)}
        </select>
      </label>
      <Chart label="月度走势图" height={260} option={trend.data && {
        tooltip: { trigger: "axis" },
        grid: { left: 48, right: 24, top: 24, bottom: 24 },
        xAxis: { type: "category", data: Array.from({ length: 12 }, (_, i) => `${i + 1}月`) },
        yAxis: { type: "value", name: trend.data.unit },
        series: [{ name: trend.data.label, type: "line", smooth: true, data: trend.data.months }],
      }} />
      {trend.data && <p aria-label="全年合计">{trend.data.label}：全年合计 {trend.data.total}{trend.data.unit}</p>}

      <div className="split">
        <div>
          <h3>化解层级</h3>
          <Chart label="化解层级图" height={260} option={levels.length > 0 ? {
            tooltip: { trigger: "item" },
            legend: { bottom: 0 },
            series: [{ type: "pie", radius: ["35%", "65%"], data: levels.map((l) => ({ name: l.label, value: l.value })) }],
          } : undefined} />
          {levels.length === 0 && <p className="hint">本年度尚无化解的纠纷。</p>}
        </div>
        {roles.has("GovernanceCentre", "PartyGovernmentOffice") && (
          <div>
            <h3>各村居十户长+ 工作</h3>
            <Chart label="各村居图" height={Math.max(260, villages.length * 28 + 60)} option={villages.length > 0 ? {
              tooltip: { trigger: "axis" },
              legend: { top: 0 },
              grid: { left: 120, right: 24, top: 32, bottom: 24 },
              xAxis: { type: "value" },
              yAxis: { type: "category", data: villages.map((v) => v.name), axisLabel: { width: 110, overflow: "truncate" } },
              series: [
                { name: "入户走访", type: "bar", stack: "work", data: villages.map((v) => v.visits) },
                { name: "预警信息", type: "bar", stack: "work", data: villages.map((v) => v.warnings) },
                { name: "群众诉求", type: "bar", stack: "work", data: villages.map((v) => v.appealsCollected) },
                { name: "上报纠纷", type: "bar", stack: "work", data: villages.map((v) => v.disputesReported) },
                { name: "妥善处置", type: "bar", stack: "work", data: villages.map((v) => v.disputesHandledLocally) },
              ],
            } : undefined} />
          </div>
        )}
      </div>

      <h3>与上年对比</h3>
      <Chart label="年度数据图表" height={Math.max(240, shown.length * 36 + 60)} option={figures.data && {
        tooltip: { trigger: "axis" },
        legend: { data: [`${year - 1}年`, `${year}年`] },
        grid: { left: 220, right: 24, top: 32, bottom: 24 },
        xAxis: { type: "value" },
        yAxis: { type: "category", data: shown.map((f) => f.label), axisLabel: { width: 200, overflow: "truncate" } },
        series: [
          { name: `${year - 1}年`, type: "bar", data: shown.map((f) => f.previousYear) },
          { name: `${year}年`, type: "bar", data: shown.map((f) => f.value) },
        ],
      }} />
      <table aria-label="年度数据">
        <thead><tr><th>部分</th><th>指标</th><th>本年</th><th>上年</th></tr></thead>
        <tbody>{figures.data?.figures.map((f) => <tr key={f.code}><td>{f.part}</td><td>{f.label}</td><td>{f.value}{f.unit}</td><td>{f.previousYear}{f.unit}</td></tr>)}</tbody>
      </table>
    </section>
  );
}
