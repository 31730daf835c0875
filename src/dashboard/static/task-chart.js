// Draws each numeric target's chart on the task page: recorded values against the straight line to the target.
(() => {
  const dataNode = document.getElementById("chart-data");
  if (!dataNode || typeof window.Chart === "undefined") return;
  const charts = JSON.parse(dataNode.textContent || "[]");
  const toTime = (day) => Date.parse(`${day}T00:00:00Z`);
  const toDay = (time) => new Date(time).toISOString().slice(0, 10);
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
        label: "按期完成的直线进度",
        data: chart.paceLine.map((p) => ({ x: toTime(p.date), y: p.value })),
        borderColor: "#b35900",
        backgroundColor: "#b35900",
        borderDash: [6, 4],
        pointStyle: "rectRot",
        pointRadius: 3,
      });
    }
    new window.Chart(canvas, {
      type: "line",
      data: { datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        scales: {
          x: { type: "linear", ticks: { callback: (v) => toDay(v), maxTicksLimit: 6 } },
          y: { title: { display: Boolean(chart.unit), text: chart.unit } },
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
