import { Affine, invertAffine, RawImage } from './image';
import { Box } from './inference.types';
import { applyOrientation, ORIENTATION_AFFINES } from './orientation';
import { PlaneIndex } from './pixel-kernels';
import { resizeRegion, resizeRegionToTensor } from './resize';
import { PackOptions } from './tensor';
import { warpAffine } from './warp';

/**
 * Decoded pixels as stored in the file plus their EXIF orientation, read as the upright image.
 * Nothing rotates the whole photo: the resizes and warps read the stored pixels through the orientation
 * and only their small outputs are turned upright. Coordinates are upright pixels.
 */
export class OrientedImage {
  readonly width: number;
  readonly height: number;
  /** EXIF orientation 1..8 (anything else reads as 1). */
  readonly orientation: number;

  constructor(
    readonly pixels: RawImage,
    orientation = 1,
  ) {
    this.orientation = ORIENTATION_AFFINES[orientation] ? orientation : 1;
    const swap = this.orientation >= 5;
    this.width = swap ? pixels.height : pixels.width;
    this.height = swap ? pixels.width : pixels.height;
  }

  /** The upright `region` area-averaged to width x height (black outside the image). */
  resize(region: Box, width: number, height: number): RawImage {
    if (this.orientation === 1) return resizeRegion(this.pixels, region, width, height);
    const swap = this.orientation >= 5;
    const stored = resizeRegion(this.pixels, this.storedRegion(region), swap ? height : width, swap ? width : height);
    return applyOrientation(stored, this.orientation);
  }

  /** resize() straight into a planar float tensor (the detector's input): one pass, no 8-bit copy. */
  resizeToTensor(region: Box, width: number, height: number, pack: PackOptions, out?: Float32Array): Float32Array {
    const swap = this.orientation >= 5;
    const [ws, hs] = swap ? [height, width] : [width, height];
    // Stored output pixel centre -> upright output pixel centre, as an index into one plane.
    const m = invertAffine(ORIENTATION_AFFINES[this.orientation](ws - 1, hs - 1));
    const index: PlaneIndex = [m[5] * width + m[2], m[3] * width + m[0], m[4] * width + m[1]];
    return resizeRegionToTensor(this.pixels, this.storedRegion(region), ws, hs, pack, index, out);
  }

  /**
   * width x height, output pixel (x, y) sampling the upright image at toSource(x, y), bilinear, black outside.
   * With `antialias`, each output pixel averages 2x2 bilinear samples when the warp shrinks (the aligned crop
   * measured best that way: docs/performance.md); when it shrinks more than 3x, the part of the image it reads is
   * first area-averaged down to twice the output's scale, so the 2x2 samples still cover every source pixel.
   */
  warp(toSource: Affine, width: number, height: number, antialias = true): RawImage {
    const [a, b, c, d, e, f] = toSource;
    const shrink = Math.max(Math.hypot(a, d), Math.hypot(b, e));
    const supersample = antialias ? 2 : 1;
    if (!antialias || shrink <= MAX_DIRECT_SHRINK) return warpAffine(this.pixels, compose(this.toStored(), toSource), width, height, supersample);
    // The source footprint of the output rectangle, one output pixel wider on every side.
    const corners = [[-1, -1], [width, -1], [-1, height], [width, height]].map(([x, y]) => [a * x + b * y + c, d * x + e * y + f]);
    const x0 = Math.floor(Math.min(...corners.map((p) => p[0])));
    const y0 = Math.floor(Math.min(...corners.map((p) => p[1])));
    const x1 = Math.ceil(Math.max(...corners.map((p) => p[0]))) + 1;
    const y1 = Math.ceil(Math.max(...corners.map((p) => p[1]))) + 1;
    const factor = shrink / supersample;
    const outW = Math.max(1, Math.round((x1 - x0) / factor));
    const outH = Math.max(1, Math.round((y1 - y0) / factor));
    const small = this.resize({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 }, outW, outH);
    // Upright pixel-centre X -> small pixel-centre u: u = (X + 0.5 - x0) / kx - 0.5, likewise for y.
    const kx = (x1 - x0) / outW;
    const ky = (y1 - y0) / outH;
    const toSmall: Affine = [1 / kx, 0, (0.5 - x0) / kx - 0.5, 0, 1 / ky, (0.5 - y0) / ky - 0.5];
    return warpAffine(small, compose(toSmall, toSource), width, height, supersample);
  }

  /** Upright pixel centres -> stored pixel centres. */
  private toStored(): Affine {
    const w = this.pixels.width - 1;
    const h = this.pixels.height - 1;
    return ORIENTATION_AFFINES[this.orientation](w, h);
  }

  /** An upright region (continuous coordinates) as the stored region it covers. */
  private storedRegion(region: Box): Box {
    // Continuous coordinates flip about the full size (pixel edges), not about the last pixel centre.
    const m = ORIENTATION_AFFINES[this.orientation](this.pixels.width, this.pixels.height);
    const [ax, ay] = [m[0] * region.x + m[1] * region.y + m[2], m[3] * region.x + m[4] * region.y + m[5]];
    const [bx, by] = [ax + m[0] * region.width + m[1] * region.height, ay + m[3] * region.width + m[4] * region.height];
    return { x: Math.min(ax, bx), y: Math.min(ay, by), width: Math.abs(bx - ax), height: Math.abs(by - ay) };
  }
}

/** Up to this shrink a warp samples the image directly; beyond it, an area-averaged copy (see warp). */
const MAX_DIRECT_SHRINK = 3;

/** m ∘ n: apply n, then m. */
export function compose(m: Affine, n: Affine): Affine {
  return [
    m[0] * n[0] + m[1] * n[3],
    m[0] * n[1] + m[1] * n[4],
    m[0] * n[2] + m[1] * n[5] + m[2],
    m[3] * n[0] + m[4] * n[3],
    m[3] * n[1] + m[4] * n[4],
    m[3] * n[2] + m[4] * n[5] + m[5],
  ];
}
