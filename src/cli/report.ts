/**
 * The HTML report: runs every analysis (each section on its own, so that one that cannot be computed is explained
 * rather than failing the report), renders the charts to inline SVG, and returns one self-contained HTML page (no
 * script, no external resource) plus a short plain-text summary.
 * @module
 */
import {
  clvDistributionChart,
  cohortHeatmapChart,
  customerPyramidChart,
  lifecycleStageChart,
  lorenzChart,
  probabilityAliveChart,
  repeatFrequencyChart,
  retentionCurveChart,
  rfmHeatmapChart,
  rfmSegmentChart,
  type VegaLiteSpec,
} from '../charts/index.js';
import { dayToDate } from '../core/dates.js';
import { isCrmAnalyticsError } from '../core/errors.js';
import type { CustomerSummaryTable } from '../data/index.js';
import {
  type AnalysisInput,
  analyzeClv,
  analyzeCohorts,
  analyzePareto,
  analyzeRfm,
  type ClvResult,
  type CohortResult,
  type ParetoResult,
  type RfmResult,
} from './analyses.js';
import type { SvgRenderer } from './render.js';

/** Report settings. @internal */
export interface ReportSettings {
  title?: string;
  currency?: string;
  horizonMonths: number;
  discountRate: number;
  /** The name of the input shown in the report (file name, or "sample data"). */
  sourceLabel: string;
  version: string;
}

/** The report page and what the command prints. @internal */
export interface ReportOutput {
  html: string;
  /** Plain-text summary lines for stdout. */
  summary: string[];
  /** Number of charts rendered. */
  charts: number;
  /** Sections left out, with the reason. */
  omitted: string[];
}

const esc = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
const int = (x: number): string => Math.round(x).toLocaleString('en-US');
const pct = (x: number | null, digits = 1): string => (x === null ? '–' : `${(100 * x).toFixed(digits)}%`);
const num = (x: number | null, digits = 2): string =>
  x === null || !Number.isFinite(x)
    ? '–'
    : x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const isoDay = (day: number): string => dayToDate(day).toISOString().slice(0, 10);

interface Section {
  id: string;
  title: string;
  html: string;
}

type Attempt<T> = { ok: true; value: T } | { ok: false; reason: string };

function attempt<T>(run: () => T): Attempt<T> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    if (isCrmAnalyticsError(error)) return { ok: false, reason: error.message };
    throw error;
  }
}

function table(headers: readonly string[], rows: readonly (readonly string[])[], numeric: readonly boolean[]): string {
  const th = headers.map((h, j) => `<th${numeric[j] ? ' class="num"' : ''}>${esc(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c, j) => `<td${numeric[j] ? ' class="num"' : ''}>${esc(c)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/**
 * Builds the report.
 * @internal
 */
export async function buildReport(
  input: AnalysisInput,
  summary: CustomerSummaryTable,
  settings: ReportSettings,
  render: SvgRenderer,
): Promise<ReportOutput> {
  const log = input.log;
  const money = (x: number | null): string => (settings.currency ? `${num(x)} ${settings.currency}` : num(x));
  const customers = summary.customers;
  const specs: { id: string; spec: VegaLiteSpec }[] = [];
  const chart = (id: string, spec: VegaLiteSpec, caption: string): string => {
    specs.push({ id, spec });
    return `<figure class="chart" data-chart="${esc(id)}"><!--chart:${esc(id)}--><figcaption>${esc(caption)}</figcaption></figure>`;
  };
  const omitted: string[] = [];
  const unavailable = (name: string, reason: string): string => {
    omitted.push(`${name}: ${reason}`);
    return `<p class="note">This part could not be computed on this data: ${esc(reason)}</p>`;
  };
  const sections: Section[] = [];
  const out: string[] = [];

  // Headline figures.
  const revenueTotal = customers.reduce((s, c) => s + c.totalRevenue, 0);
  const repeaters = customers.filter((c) => c.frequency > 0).length;
  const used = summary.counts.used;
  const pareto = attempt<ParetoResult>(() => analyzePareto(summary));
  const endDay = summary.observationEnd === null ? 0 : Math.round(summary.observationEnd.getTime() / 86_400_000);
  let firstDay = Number.POSITIVE_INFINITY;
  for (let i = 0; i < log.length; i++) if ((log.day[i] as number) < firstDay) firstDay = log.day[i] as number;
  const cards: [string, string, string][] = [
    ['Customers', int(customers.length), `active ${isoDay(firstDay)} to ${isoDay(endDay)}`],
    ['Transactions', int(used), `${num(used / Math.max(1, customers.length))} per customer`],
    ['Revenue', money(revenueTotal), `${money(revenueTotal / Math.max(1, customers.length))} per customer`],
    [
      'Repeat rate',
      pct(repeaters / Math.max(1, customers.length)),
      `${int(repeaters)} customers bought on more than one day`,
    ],
  ];
  if (pareto.ok) {
    const p = pareto.value.analysis;
    cards.push([
      '80/20 of this data',
      `${pct(p.topShare(0.2), 0)}`,
      `of revenue from the top 20% of customers; a/b rule ${p.abRule.label}`,
    ]);
  }
  sections.push({
    id: 'headline',
    title: 'Headline figures',
    html: `<div class="cards">${cards
      .map(
        ([k, v, d]) =>
          `<div class="card"><div class="k">${esc(k)}</div><div class="v">${esc(v)}</div><div class="d">${esc(d)}</div></div>`,
      )
      .join('')}</div>`,
  });
  out.push(
    `Customers ${int(customers.length)}, transactions ${int(used)}, revenue ${money(revenueTotal)}, repeat rate ${pct(repeaters / Math.max(1, customers.length))}`,
  );

  // RFM.
  const rfm = attempt<RfmResult>(() => analyzeRfm(summary));
  if (rfm.ok) {
    const r = rfm.value;
    const rows = r.segments
      .filter((s) => s.customers > 0)
      .map((s) => [
        s.segment,
        int(s.customers),
        pct(s.customerShare),
        money(s.revenue),
        pct(s.revenueShare),
        num(s.meanRecency, 1),
        num(s.meanFrequency, 1),
        money(s.meanMonetary),
        s.action ?? '',
      ]);
    const note =
      r.negativeRevenueCustomers > 0
        ? `<p class="note">${int(r.negativeRevenueCustomers)} customers with net refunds are scored with monetary value 0.</p>`
        : '';
    sections.push({
      id: 'rfm',
      title: 'RFM segments',
      html: `<p>Each customer is scored 1–5 on recency (R, time since the last purchase in ${summary.timeUnit}s), frequency (F, number of transactions) and monetary value (M, revenue), by quintiles; the segments are those of the R <code>rfm</code> package.</p>${note}
${table(['Segment', 'Customers', 'Share', 'Revenue', 'Revenue share', `Mean recency (${summary.timeUnit}s)`, 'Mean frequency', 'Mean monetary', 'Suggested action'], rows, [false, true, true, true, true, true, true, true, false])}
<div class="row">${chart('rfm-heatmap', rfmHeatmapChart(r.scores, settings.currency ? { currency: settings.currency } : {}), 'Mean revenue per customer in each R × F cell; the number is the customer count.')}
${chart('rfm-segments', rfmSegmentChart(r.segments), 'Share of customers and of revenue by segment.')}</div>`,
    });
    const top = [...r.segments].filter((s) => s.customers > 0).sort((a, b) => (b.revenue ?? 0) - (a.revenue ?? 0))[0];
    if (top)
      out.push(
        `RFM: largest revenue segment ${top.segment} (${int(top.customers)} customers, ${pct(top.revenueShare)} of revenue)`,
      );
  } else sections.push({ id: 'rfm', title: 'RFM segments', html: unavailable('RFM', rfm.reason) });

  // Pareto.
  if (pareto.ok) {
    const p = pareto.value;
    const abcRows = p.abc.classes.map((c) => [
      c.label,
      int(c.count),
      pct(c.customerShare),
      money(c.value),
      pct(c.valueShare),
      money(c.minValue),
      money(c.maxValue),
    ]);
    const tierRows = p.pyramid.tiers.map((t) => [
      t.name,
      int(t.count),
      pct(t.customerShare),
      money(t.value),
      pct(t.valueShare),
    ]);
    const note =
      p.negativeRevenueCustomers > 0
        ? `<p class="note">${int(p.negativeRevenueCustomers)} customers with net refunds count as 0 revenue.</p>`
        : '';
    sections.push({
      id: 'pareto',
      title: 'Concentration: Pareto, Lorenz, ABC and the customer pyramid',
      html: `<p>The top 20% of customers bring <strong>${pct(p.analysis.topShare(0.2))}</strong> of revenue; ${pct(p.analysis.customersForShare(0.8))} of customers bring 80%. The a/b rule of this data is <strong>${esc(p.analysis.abRule.label)}</strong> (the top a% of customers bring b% of revenue, a + b = 100). Gini coefficient <strong>${num(p.analysis.gini, 3)}</strong> (0: everyone spends the same; 1: one customer brings everything).</p>${note}
<div class="row">${chart('lorenz', lorenzChart(p.lorenz, { gini: p.analysis.gini }), 'Lorenz curve: the share of revenue of the lowest-spending customers; the dashed line is perfect equality.')}
${chart('pyramid', customerPyramidChart(p.pyramid), 'Customer pyramid: top 20% platinum, next 30% gold, next 30% iron, bottom 20% lead, by revenue.')}</div>
<h3>ABC classes (A: customers bringing the first 80% of revenue, B: the next 15%, C: the rest)</h3>
${table(['Class', 'Customers', 'Share', 'Revenue', 'Revenue share', 'Smallest', 'Largest'], abcRows, [false, true, true, true, true, true, true])}
<h3>Pyramid tiers</h3>
${table(['Tier', 'Customers', 'Share', 'Revenue', 'Revenue share'], tierRows, [false, true, true, true, true])}`,
    });
    out.push(
      `Pareto: top 20% of customers bring ${pct(p.analysis.topShare(0.2))} of revenue; a/b rule ${p.analysis.abRule.label}; Gini ${num(p.analysis.gini, 3)}`,
    );
  } else sections.push({ id: 'pareto', title: 'Concentration', html: unavailable('Pareto', pareto.reason) });

  // CLV.
  const clv = attempt<ClvResult>(() => analyzeClv(summary, settings.horizonMonths, settings.discountRate));
  if (clv.ok) {
    const c = clv.value;
    const bg = c.transactionModel;
    const unit = summary.timeUnit;
    const order = Array.from({ length: customers.length }, (_, i) => i).sort(
      (a, b) => (c.clv[b] as number) - (c.clv[a] as number) || a - b,
    );
    const topRows = order.slice(0, 20).map((i) => {
      const s = customers[i];
      return [
        String(s?.customerId ?? ''),
        int(s?.frequency ?? 0),
        num(s?.recency ?? 0, 1),
        num(s?.T ?? 0, 1),
        num(c.probabilityAlive[i] as number, 3),
        num(c.expectedPurchases[i] as number, 2),
        money(c.expectedSpend[i] as number),
        money(c.clv[i] as number),
      ];
    });
    let clvTotal = 0;
    for (let i = 0; i < c.clv.length; i++) clvTotal += c.clv[i] as number;
    let purchases = 0;
    for (let i = 0; i < c.expectedPurchases.length; i++) purchases += c.expectedPurchases[i] as number;
    const ci = bg.confidenceIntervals;
    const paramRows = (['r', 'alpha', 'a', 'b'] as const).map((k) => [
      `BG/NBD ${k === 'alpha' ? 'α' : k}`,
      num(bg.params[k], 4),
      ci ? `${num(ci[k].lower, 4)} – ${num(ci[k].upper, 4)}` : '–',
    ]);
    if (c.spendModel) {
      const gg = c.spendModel;
      paramRows.push(
        ['Gamma-Gamma p', num(gg.params.p, 4), '–'],
        ['Gamma-Gamma q', num(gg.params.q, 4), '–'],
        ['Gamma-Gamma γ', num(gg.params.gamma, 4), '–'],
      );
    }
    const maxT = customers.reduce((m, s) => (s.T > m ? s.T : m), 0);
    // Rows up to the 99th percentile of repeat purchases (at most 30), so that a few heavy buyers do not squash the matrix.
    const frequencies = Float64Array.from(customers, (s) => s.frequency).sort();
    const p99 = frequencies[Math.min(frequencies.length - 1, Math.floor(0.99 * frequencies.length))] ?? 1;
    const maxF = Math.min(30, Math.max(1, p99));
    const fit = c.repeatFit;
    const fitNote =
      bg.converged === false
        ? '<p class="note">The BG/NBD fit did not fully converge; read its figures with care.</p>'
        : '';
    const spendNote = c.spendNote ? `<p class="note">${esc(c.spendNote)}</p>` : '';
    sections.push({
      id: 'clv',
      title: 'Customer lifetime value (BG/NBD + Gamma-Gamma)',
      html: `<p>The BG/NBD model (Fader, Hardie &amp; Lee 2005) is fitted to each customer's number of repeat purchase days, the time of the last one and their age, in ${unit}s; the Gamma-Gamma model to the mean spend of repeat purchases. CLV is the expected discounted revenue over the next ${settings.horizonMonths} months at ${pct(settings.discountRate, 1)} per month. Log-likelihood ${num(bg.logLikelihood, 1)}.</p>${fitNote}${spendNote}
<div class="cards"><div class="card"><div class="k">Expected purchases, next ${settings.horizonMonths} months</div><div class="v">${int(purchases)}</div></div><div class="card"><div class="k">Total CLV, next ${settings.horizonMonths} months</div><div class="v">${esc(money(clvTotal))}</div></div><div class="card"><div class="k">Mean CLV per customer</div><div class="v">${esc(money(clvTotal / Math.max(1, customers.length)))}</div></div></div>
${table(['Parameter', 'Estimate', '95% interval'], paramRows, [false, true, true])}
<h3>Top customers by CLV</h3>
${table(['Customer', 'Repeat purchases', `Recency (${unit}s)`, `Age T (${unit}s)`, 'P(alive)', `Expected purchases (${settings.horizonMonths} mo)`, 'Expected spend', 'CLV'], topRows, [false, true, true, true, true, true, true, true])}
<div class="row">${chart('probability-alive', probabilityAliveChart(bg, { T: maxT > 0 ? maxT : 1, maxFrequency: maxF, timeUnitLabel: `${unit}s` }), 'P(alive) for a customer first seen at the start of the data, by repeat purchases and the time of the last one.')}
${chart('clv-distribution', clvDistributionChart(c.clv, settings.currency ? { currency: settings.currency } : {}), 'Distribution of CLV across customers.')}</div>
${chart('repeat-frequency', repeatFrequencyChart(fit, { modelLabel: 'BG/NBD' }), 'How well the model fits: customers by number of repeat purchase days, observed and expected.')}`,
    });
    out.push(
      `CLV: BG/NBD r=${num(bg.params.r, 3)} α=${num(bg.params.alpha, 3)} a=${num(bg.params.a, 3)} b=${num(bg.params.b, 3)}; ${settings.horizonMonths}-month CLV total ${money(clvTotal)}, mean ${money(clvTotal / Math.max(1, customers.length))}`,
    );
    if (c.spendNote !== null) out.push(`Note: ${c.spendNote}`);
  } else sections.push({ id: 'clv', title: 'Customer lifetime value', html: unavailable('CLV', clv.reason) });

  // Cohorts and lifecycle.
  const cohorts = attempt<CohortResult>(() => analyzeCohorts(input, clv.ok ? clv.value.transactionModel : undefined));
  if (cohorts.ok) {
    const k = cohorts.value;
    const stages = k.lifecycle;
    const stageRows = stages
      ? Object.entries(stages.stageCounts).map(([s, n]) => [s, int(n), pct(n / Math.max(1, customers.length))])
      : [];
    sections.push({
      id: 'cohorts',
      title: 'Cohorts and lifecycle',
      html: `<p>Customers are grouped by the month of their first purchase; each cell is the share of the cohort that bought again that many months later (the last, partly observed month is shown as is).</p>
${chart('cohort-retention', cohortHeatmapChart(k.retention), 'Monthly cohort retention (the most recent 24 cohorts).')}
<div class="row">${k.retention.retentionCurve.some((p) => p.age >= 1) ? chart('retention-curve', retentionCurveChart(k.retention.retentionCurve), 'Average retention by months since the first purchase.') : ''}
${stages ? chart('lifecycle', lifecycleStageChart(stages.stageCounts), 'Customers by lifecycle stage.') : ''}</div>
${stages ? `<p>Stages by transparent rules on tenure and on the trend of purchases (recent ${stages.rules.recentWindowDays} days against before; lapsed after ${stages.rules.lapsedAfterDays} days without a purchase${stages.rules.aliveThreshold === null ? '' : `, or P(alive) below ${stages.rules.aliveThreshold}`}).</p>${table(['Stage', 'Customers', 'Share'], stageRows, [false, true, true])}` : ''}`,
    });
    if (stages)
      out.push(
        `Lifecycle: ${Object.entries(stages.stageCounts)
          .map(([s, n]) => `${s} ${int(n)}`)
          .join(', ')}`,
      );
  } else sections.push({ id: 'cohorts', title: 'Cohorts and lifecycle', html: unavailable('Cohorts', cohorts.reason) });

  // Charts to SVG.
  const svgs = await Promise.all(specs.map((s) => render(s.spec)));
  const svgById = new Map(specs.map((s, i) => [s.id, svgs[i] as string]));
  const fill = (html: string): string =>
    html.replace(/<!--chart:([a-z-]+)-->/g, (_m, id: string) => svgById.get(id) ?? '');

  const title = settings.title ?? 'Customer value report';
  const counts = summary.counts;
  const dataNote = `Source: ${esc(settings.sourceLabel)} — columns ${esc(log.columns.customer)} (customer), ${esc(log.columns.date)} (date), ${esc(log.columns.amount)} (amount). Rows read ${int(log.rowsRead)}, used ${int(counts.used)}, skipped as invalid ${int(log.rowsSkipped)}${counts.afterObservationEnd > 0 ? `, after the as-of date ${int(counts.afterObservationEnd)}` : ''}. As of ${isoDay(endDay)}.`;
  const skippedList =
    log.skippedRows.length > 0
      ? `<details><summary>Skipped rows (first ${Math.min(20, log.skippedRows.length)} of ${int(log.rowsSkipped)})</summary><ul>${log.skippedRows
          .slice(0, 20)
          .map((s) => `<li>line ${s.line}: ${esc(s.reason)}</li>`)
          .join('')}</ul></details>`
      : '';
  const nav = sections.map((s) => `<a href="#${s.id}">${esc(s.title)}</a>`).join(' · ');
  const body = sections
    .map((s) => `<section id="${s.id}"><h2>${esc(s.title)}</h2>\n${fill(s.html)}\n</section>`)
    .join('\n');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="crm-analytics ${esc(settings.version)}">
<title>${esc(title)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2330;background:#f6f7f9;line-height:1.45}
header,main,footer{max-width:1100px;margin:0 auto;padding:0 20px}
header{padding-top:24px}h1{margin:0 0 4px;font-size:1.7rem}h2{margin-top:0;font-size:1.3rem}h3{font-size:1.05rem;margin:20px 0 8px}
.meta{color:#5b6475;font-size:.9rem}nav{margin:10px 0 0;font-size:.9rem}nav a{color:#2458a6;text-decoration:none}
section{background:#fff;border:1px solid #e3e6eb;border-radius:8px;padding:20px;margin:18px 0}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:8px 0 14px}.card{flex:1 1 180px;border:1px solid #e3e6eb;border-radius:6px;padding:10px 12px;background:#fbfcfd}
.card .k{font-size:.8rem;color:#5b6475;text-transform:uppercase;letter-spacing:.03em}.card .v{font-size:1.5rem;font-weight:600}.card .d{font-size:.85rem;color:#5b6475}
table{border-collapse:collapse;width:100%;font-size:.88rem;margin:6px 0 12px}th,td{border-bottom:1px solid #e9ecf0;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#f1f3f6;font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}td.num{white-space:nowrap}
.row{display:flex;flex-wrap:wrap;gap:18px;align-items:flex-start}figure{margin:8px 0;max-width:100%;overflow-x:auto}figure svg{max-width:100%;height:auto}
figcaption{font-size:.82rem;color:#5b6475;max-width:520px}.note{background:#fff8e1;border-left:3px solid #f0b400;padding:6px 10px;font-size:.9rem}
footer{color:#5b6475;font-size:.8rem;padding-bottom:30px}code{background:#f1f3f6;padding:0 3px;border-radius:3px}
</style>
</head>
<body>
<header>
<h1>${esc(title)}</h1>
<div class="meta">${dataNote}</div>
${skippedList}
<nav>${nav}</nav>
</header>
<main>
${body}
</main>
<footer>Made with crm-analytics ${esc(settings.version)}. Figures: RFM quintiles (Hughes 1994; segments of the R rfm package), Lorenz curve and Gini (Lorenz 1905), customer pyramid (Zeithaml, Rust &amp; Lemon 2001), BG/NBD (Fader, Hardie &amp; Lee 2005), Gamma-Gamma (Fader, Hardie &amp; Lee 2005, JMR), cohort retention (Fader &amp; Hardie 2007). Time unit: ${esc(summary.timeUnit)}.</footer>
</body>
</html>
`;
  return { html, summary: out, charts: specs.length, omitted };
}
