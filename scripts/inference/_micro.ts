import sharp from 'sharp';
import { readFileSync } from 'node:fs';
import { resizeRegion, decodeImage, paddedRegion, warpAffine, cropToSource, packNchw, alignFace } from '@faceauth/inference';
sharp.concurrency(1);
const buf = readFileSync('/work/shared/datasets/spoof_samples/live/image_T1.jpg');
async function time(name: string, n: number, f: () => Promise<unknown> | unknown) {
  for (let i = 0; i < 5; i++) await f();
  const t: number[] = [];
  for (let i = 0; i < n; i++) { const s = performance.now(); await f(); t.push(performance.now() - s); }
  t.sort((a, b) => a - b);
  console.log(name.padEnd(30), 'min', t[0].toFixed(2), 'med', t[Math.floor(n / 2)].toFixed(2), 'ms');
}
(async () => {
  const img = await decodeImage(buf, { maxPixels: 4e7, maxSide: 2048 });
  await time('metadata', 50, () => sharp(buf).metadata());
  await time('decode', 50, () => decodeImage(buf, { maxPixels: 4e7, maxSide: 2048 }));
  await time('sharp raw only', 50, () => sharp(buf).raw().toBuffer());
  await time('sharp rotate raw', 50, () => sharp(buf).rotate().raw().toBuffer());
  const region = paddedRegion(img.width, img.height);
  await time('resizeRegion', 50, () => resizeRegion(img, region, 320, 240));
  const det = resizeRegion(img, region, 320, 240);
  await time('packNchw 320', 50, () => packNchw(det, { mean: 127, std: 128, order: 'rgb' }));
  await time('warp 64 (shrink 2.3)', 50, () => warpAffine(img, cropToSource({ x: 100, y: 100, width: 150, height: 150 }, 64, 64), 64, 64));
  await time('warp 128 (shrink 3)', 50, () => warpAffine(img, cropToSource({ x: 50, y: 50, width: 400, height: 400 }, 128, 128), 128, 128));
  await time('warp 112 (shrink 2)', 50, () => warpAffine(img, cropToSource({ x: 100, y: 100, width: 224, height: 224 }, 112, 112), 112, 112));
})();
