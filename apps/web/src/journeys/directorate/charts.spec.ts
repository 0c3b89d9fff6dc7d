import { barChartSvg } from './charts';

describe('barChartSvg', () => {
  const chart = {
    id: 'spend-by-region',
    title: 'Spend by region',
    description: 'Committed and paid, in pounds',
    labels: ['North West', 'Wales <&>'],
    series: [
      { name: 'Committed', values: ['1000.00', '250.00'], className: 'app-chart__bar' },
      { name: 'Paid', values: ['500.00', '0.00'], className: 'app-chart__bar--alt' },
    ],
    format: (v: number | string) => `£${v}`,
  };

  it('is an image named by its title and description, for screen readers', () => {
    const svg = barChartSvg(chart);
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="spend-by-region-title spend-by-region-desc"/);
    expect(svg).toContain('<title id="spend-by-region-title">Spend by region</title>');
    expect(svg).toContain('<desc id="spend-by-region-desc">Committed and paid, in pounds</desc>');
  });

  it('draws one bar per value, scaled to the largest, with its value written next to it', () => {
    const widths = [...barChartSvg(chart).matchAll(/<rect [^>]*width="(\d+)"/g)].map((m) => Number(m[1]));
    // Grouped by label: North West committed, paid; then Wales committed, paid.
    expect(widths).toEqual([330, 165, 83, 0]);
    expect(barChartSvg(chart)).toContain('>£250.00</text>');
  });

  it('escapes labels and uses no inline style (the CSP forbids it)', () => {
    const svg = barChartSvg(chart);
    expect(svg).toContain('Wales &#60;&#38;&#62;');
    expect(svg).not.toContain('style=');
  });
});
