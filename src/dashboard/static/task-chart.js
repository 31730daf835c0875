// Draws each numeric target's chart on the task page: recorded values against the straight line to the target,
// the line's legend saying where it starts (the plan's baseline or the first record).
(() => {
  const dataNode = document.getElementById("chart-data");
  if (!dataNode || typeof window.Chart === "undefined") return;
  const charts = JSON.parse(dataNode.textContent || "[]");
  const toTime = (day) => Date.parse(`${day}T00:00:00Z`);
  const toDay = (time) => new Date(time).toISOString().slice(0, 10);
  /** Ticks on calendar boundaries (quarters, or years for long spans) instead of arbitrary millisecond steps. */
  const calendarTicks = (min, max) => {
    const start = new Date(min);
    const longSpan = max - min > 3 * 365 * 86_400_000;
    const step = longSpan ? 12 : 3;
    let year = start.getUTCFullYear();
    let month = Math.ceil(start.getUTCMonth() / step) * step;
    const ticks = [];
    for (let t = Date.UTC(year, month, 1); t <= max; t = Date.UTC(year, month, 1)) {
      ticks.push({ value: t });
      month += step;
      if (month >= 12) {
        year += Math.floor(month / 12);
        month %= 12;
      }
    }
    return ticks;
  };
  window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  for (const chart of charts) {
    const canvas = document.querySelector(`canvas[data-chart="${CSS.escape(chart.targetId)}"]`);
    if (!canvas) continue;
    const datasets = [
      {
        label: `实际值（${chart.unit}）`,
        data: chart.actual.map((p) => ({ x: toTime(p.date), y: p.value })),
        borderColor: "#0b5cad",
        backgroundColor: "#0b5cad",
        pointStyle: "circle",
        pointRadius: 4,
      },
    ];
    if (chart.paceLine.length === 2) {
      datasets.push({
        label: `按期完成的直线进度（起点：${chart.paceStart.label}）`,
        data: chart.paceLine.map((p) => ({ x: toTime(p.date), y: p.value })),
        borderColor: "#b35900",
        backgroundColor: "#b35900",
        borderDash: [6, 4],
        pointStyle: "rectRot",
        pointRadius: 3,
      });
    }
    const times = datasets.flatMap((d) => d.data.map((p) => p.x));
    const xMin = Math.min(...times);
    const xMax = Math.max(...times);
    new window.Chart(canvas, {
      type: "line",
      data: { datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        scales: {
          x: {
            type: "linear",
            min: xMin,
            max: xMax,
            afterBuildTicks: (scale) => {
              scale.ticks = calendarTicks(xMin, xMax);
            },
            ticks: { callback: (v) => toDay(v).slice(0, 7), autoSkip: true, maxRotation: 0 },
          },
          y: { beginAtZero: true },
        },
        plugins: {
          legend: { labels: { usePointStyle: true } },
          tooltip: { callbacks: { title: (items) => (items[0] ? toDay(items[0].parsed.x) : "") } },
        },
      },
    });
    canvas.dataset.drawn = "true";
  }
})();
