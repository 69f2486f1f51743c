import sharp from 'sharp';

export interface Series {
  label: string;
  colour: string;
  values: ArrayLike<number>;
}

/**
 * Histogram of each series as the fraction of its values per bin, log-scaled (impostors outnumber genuine
 * pairs ~500:1 and the interesting part is the tails), as a PNG rendered from SVG by sharp.
 */
export async function histogramPng(series: Series[], options: { min: number; max: number; bins: number; marker: number; title: string; xLabel: string }): Promise<Buffer> {
  const W = 900;
  const H = 480;
  const pad = { left: 70, right: 20, top: 40, bottom: 55 };
  const plotW = W - pad.left - pad.right;
  const plotH = H - pad.top - pad.bottom;
  const decades = 7; // 1 .. 1e-7
  const x = (v: number) => pad.left + ((v - options.min) / (options.max - options.min)) * plotW;
  const y = (fraction: number) => pad.top + (Math.min(decades, -Math.log10(Math.max(fraction, 10 ** -decades))) / decades) * plotH;
  const width = (options.max - options.min) / options.bins;
  const parts: string[] = [];
  for (const s of series) {
    const counts = new Float64Array(options.bins);
    let n = 0;
    for (let i = 0; i < s.values.length; i++) {
      const v = s.values[i];
      if (!Number.isFinite(v)) continue;
      n++;
      counts[Math.min(options.bins - 1, Math.max(0, Math.floor((v - options.min) / width)))]++;
    }
    let d = `M ${x(options.min)} ${y(0)}`;
    counts.forEach((c, i) => {
      const yy = c > 0 ? y(c / n) : y(0);
      d += ` L ${x(options.min + i * width)} ${yy} L ${x(options.min + (i + 1) * width)} ${yy}`;
    });
    parts.push(`<path d="${d}" fill="none" stroke="${s.colour}" stroke-width="2"/>`);
  }
  for (let k = 0; k <= decades; k++) {
    parts.push(`<line x1="${pad.left}" x2="${W - pad.right}" y1="${y(10 ** -k)}" y2="${y(10 ** -k)}" stroke="#ddd"/>`);
    parts.push(`<text x="${pad.left - 8}" y="${y(10 ** -k) + 4}" text-anchor="end" font-size="12">1e-${k}</text>`);
  }
  for (let v = options.min; v <= options.max + 1e-9; v += 0.1) {
    parts.push(`<text x="${x(v)}" y="${H - pad.bottom + 18}" text-anchor="middle" font-size="12">${v.toFixed(1)}</text>`);
  }
  parts.push(`<line x1="${x(options.marker)}" x2="${x(options.marker)}" y1="${pad.top}" y2="${H - pad.bottom}" stroke="#000" stroke-dasharray="6 4"/>`);
  parts.push(`<text x="${x(options.marker) + 6}" y="${pad.top + 14}" font-size="12">threshold ${options.marker}</text>`);
  series.forEach((s, i) => {
    parts.push(`<rect x="${W - 260}" y="${pad.top + 10 + i * 20}" width="14" height="4" fill="${s.colour}"/>`);
    parts.push(`<text x="${W - 240}" y="${pad.top + 16 + i * 20}" font-size="13">${s.label}</text>`);
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif">
<rect width="100%" height="100%" fill="#fff"/>
<text x="${W / 2}" y="24" text-anchor="middle" font-size="16">${options.title}</text>
<rect x="${pad.left}" y="${pad.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#888"/>
${parts.join('\n')}
<text x="${pad.left + plotW / 2}" y="${H - 12}" text-anchor="middle" font-size="13">${options.xLabel}</text>
<text x="16" y="${pad.top + plotH / 2}" transform="rotate(-90 16 ${pad.top + plotH / 2})" text-anchor="middle" font-size="13">fraction of pairs per bin (log)</text>
</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
