import { Affine } from './image';

/** 1-D resampling taps: for output o, taps start[o] .. start[o + 1] - 1 of `index` / `weight`. */
export interface Taps {
  start: Int32Array;
  index: Int32Array;
  weight: Float32Array;
}

/** Where output pixel (x, y) of a resize lands in a tensor plane: origin + x * dx + y * dy (turns it upright). */
export type PlaneIndex = [origin: number, dx: number, dy: number];

/** Where and how the vertical pass writes: pixel (x, y) at `index`, its channels at the three offsets, v * scale + offset. */
export interface ColumnLayout {
  index: PlaneIndex;
  channels: [number, number, number];
  scale: number;
  offset: number;
}

/**
 * The inner loops of the resizes and warps (resize.ts, warp.ts), in JavaScript (pixel-kernels-js.ts) and in C++
 * (../native): the same double-precision arithmetic in the same order, so both give the same bytes and floats.
 */
export interface PixelKernels {
  readonly kind: 'native' | 'javascript';
  /**
   * The horizontal pass over an RGB image `sw x sh`: each source row y with slot[y] >= 0 filtered by `hx`
   * into row slot[y] of `tmp` (`width` RGB floats a row), output columns xFirst .. xEnd - 1.
   */
  filterRows(data: Uint8Array, sw: number, sh: number, hx: Taps, slot: Int32Array, tmp: Float32Array, width: number, xFirst: number, xEnd: number): void;
  /** The vertical pass: `out` filled with layout.offset, then every output row with taps written as `layout` says. */
  filterColumns(vy: Taps, slot: Int32Array, tmp: Float32Array, width: number, height: number, xFirst: number, xEnd: number, out: Uint8Array | Float32Array, layout: ColumnLayout): void;
  /** RGB bilinear warp: output pixel (x, y) averages k x k samples around toSource(x, y); black outside. Into `out`. */
  warpRgb(data: Uint8Array, sw: number, sh: number, toSource: Affine, width: number, height: number, k: number, out: Uint8Array): void;
}
