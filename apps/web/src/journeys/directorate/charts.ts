/**
 * Bar charts drawn on the server as SVG: no script, readable by screen readers (role="img" with a
 * title and description), and each chart sits next to a table of the same numbers. Styling comes
 * from classes in app.css, since the pages' CSP allows no inline styles.
 */
export interface ChartSeries {
  name: string;
  /** Non-negative numbers, or decimal strings of money ("1250.00"). */
  values: (number | string)[];
  className: string;
}

export interface BarChart {
  id: string;
  title: string;
  description: string;
  labels: string[];
  series: ChartSeries[];
  format: (value: number | string) => string;
}

const WIDTH = 640;
const LABEL_WIDTH = 200;
const BAR_HEIGHT = 18;
const GAP = 14;

function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Geometry only: a money string becomes a number to scale a bar, never to compute money. */
function magnitude(value: number | string): number {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

export function barChartSvg(chart: BarChart): string {
  const max = Math.max(1e-9, ...chart.series.flatMap((s) => s.values.map(magnitude)));
  const groupHeight = chart.series.length * BAR_HEIGHT + GAP;
  const height = Math.max(1, chart.labels.length) * groupHeight + 30;
  const plot = WIDTH - LABEL_WIDTH - 110;
  const parts: string[] = [];
  chart.labels.forEach((label, i) => {
    const top = i * groupHeight + 10;
    parts.push(
      `<text class="app-chart__label" x="${LABEL_WIDTH - 8}" y="${top + (chart.series.length * BAR_HEIGHT) / 2 + 5}" text-anchor="end">${escapeXml(label)}</text>`,
    );
    chart.series.forEach((series, s) => {
      const value = series.values[i] ?? 0;
      const width = Math.round((magnitude(value) / max) * plot);
      const y = top + s * BAR_HEIGHT;
      parts.push(`<rect class="${series.className}" x="${LABEL_WIDTH}" y="${y}" width="${width}" height="${BAR_HEIGHT - 2}"></rect>`);
      parts.push(`<text class="app-chart__value" x="${LABEL_WIDTH + width + 6}" y="${y + BAR_HEIGHT - 5}">${escapeXml(chart.format(value))}</text>`);
    });
  });
  parts.push(`<line class="app-chart__axis" x1="${LABEL_WIDTH}" y1="4" x2="${LABEL_WIDTH}" y2="${height - 20}"></line>`);
  const titleId = `${chart.id}-title`;
  const descId = `${chart.id}-desc`;
  return (
    `<svg class="app-chart" id="${chart.id}" role="img" aria-labelledby="${titleId} ${descId}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${titleId}">${escapeXml(chart.title)}</title><desc id="${descId}">${escapeXml(chart.description)}</desc>` +
    parts.join('') +
    '</svg>'
  );
}
