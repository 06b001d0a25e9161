import type { Chart as ChartType } from 'chart.js';

let loading: Promise<typeof ChartType> | null = null;

/**
 * chart.js with only the controllers the results page uses, loaded on first use so the initial bundle
 * stays small. Colours are set in our datasets, so the Colors plugin is not needed.
 */
export function loadChart(): Promise<typeof ChartType> {
	loading ??= import('chart.js').then((m) => {
		m.Chart.register(
			m.BarController,
			m.RadarController,
			m.DoughnutController,
			m.CategoryScale,
			m.LinearScale,
			m.RadialLinearScale,
			m.BarElement,
			m.PointElement,
			m.LineElement,
			m.ArcElement,
			m.Filler,
			m.Tooltip,
			m.Legend
		);
		m.Chart.defaults.font.family = "'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', sans-serif";
		m.Chart.defaults.animation = false;
		return m.Chart;
	});
	return loading;
}
