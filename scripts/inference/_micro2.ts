import sharp from 'sharp';
import { readFileSync } from 'node:fs';
sharp.concurrency(1);
const buf = readFileSync('/work/shared/datasets/spoof_samples/live/image_T1.jpg');
async function time(name: string, n: number, f: () => Promise<unknown> | unknown) {
  for (let i = 0; i < 5; i++) await f();
  const t: number[] = [];
  for (let i = 0; i < n; i++) { const s = performance.now(); await f(); t.push(performance.now() - s); }
  t.sort((a, b) => a - b);
  console.log(name.padEnd(40), t[Math.floor(n / 2)].toFixed(2), 'ms');
}
(async () => {
  for (let r = 0; r < 2; r++) {
  await time('raw', 40, () => sharp(buf).raw().toBuffer());
  await time('rotate raw', 40, () => sharp(buf).rotate().raw().toBuffer());
  await time('rotate removeAlpha raw', 40, () => sharp(buf).rotate().removeAlpha().raw().toBuffer());
  await time('rotate srgb raw', 40, () => sharp(buf).rotate().toColourspace('srgb').raw().toBuffer());
  await time('rotate removeAlpha srgb raw', 40, () => sharp(buf).rotate().removeAlpha().toColourspace('srgb').raw().toBuffer());
  await time('rotate raw limit failOn', 40, () => sharp(buf, { limitInputPixels: 4e7, failOn: 'error' }).rotate().raw().toBuffer());
  await time('rotate raw sequential', 40, () => sharp(buf, { sequentialRead: true }).rotate().raw().toBuffer());
  }
  const raw = await sharp(buf).raw().toBuffer({ resolveWithObject: true });
  const a = new Uint8Array(raw.data.buffer, raw.data.byteOffset, raw.data.length);
  const lut = new Float32Array(256).map((_, i) => (i - 127) / 128);
  await time('pack div', 40, () => { const o = new Float32Array(76800 * 3); for (let i = 0, p = 0; i < 76800; i++, p += 3) { o[i] = (a[p] - 127) / 128; o[76800 + i] = (a[p + 1] - 127) / 128; o[153600 + i] = (a[p + 2] - 127) / 128; } return o; });
  await time('pack lut', 40, () => { const o = new Float32Array(76800 * 3); for (let i = 0, p = 0; i < 76800; i++, p += 3) { o[i] = lut[a[p]]; o[76800 + i] = lut[a[p + 1]]; o[153600 + i] = lut[a[p + 2]]; } return o; });
})();
