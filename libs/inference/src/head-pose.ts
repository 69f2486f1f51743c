import { Point } from './inference.types';

export interface Point3 {
  x: number;
  y: number;
  z: number;
}

/**
 * Head pose in degrees, camera view (the image as the camera took it, not mirrored):
 * - yaw > 0: the nose points to the image's right, i.e. the person turned to their own left;
 * - pitch > 0: the nose points up (the person looks up);
 * - roll > 0: the face turns clockwise in the image.
 */
export interface HeadPose {
  yaw: number;
  pitch: number;
  roll: number;
  /** Pixels per model unit of the fit (larger = closer to the camera). */
  scale: number;
  /** RMS of the fit's 2-D residual, in model units (how well a rigid head explains the points). */
  residual: number;
}

/**
 * A generic head: 14 iBUG-68 points that do not slide along the face when it turns (no jaw contour), in
 * millimetres of an average adult face. Axes as the image of a frontal face: x to the image's right,
 * y down, z towards the camera; the origin is the nose tip. Read off published anthropometric averages
 * (eye corners 90 mm apart, the nose tip ~30 mm in front of the outer eye corners): only the shape matters,
 * and the pose tests project this same model, so what they check is the solver, not the model.
 */
export const GENERIC_HEAD: ReadonlyArray<{ index: number; point: Point3 }> = [
  { index: 27, point: { x: 0, y: -45, z: -20 } }, // nasion
  { index: 30, point: { x: 0, y: 0, z: 0 } }, // nose tip
  { index: 33, point: { x: 0, y: 13, z: -14 } }, // nose base
  { index: 31, point: { x: -13, y: 9, z: -18 } }, // nostril wings
  { index: 35, point: { x: 13, y: 9, z: -18 } },
  { index: 36, point: { x: -45, y: -38, z: -36 } }, // outer eye corners
  { index: 39, point: { x: -15, y: -37, z: -26 } }, // inner eye corners
  { index: 42, point: { x: 15, y: -37, z: -26 } },
  { index: 45, point: { x: 45, y: -38, z: -36 } },
  { index: 48, point: { x: -25, y: 38, z: -30 } }, // mouth corners
  { index: 54, point: { x: 25, y: 38, z: -30 } },
  { index: 51, point: { x: 0, y: 30, z: -14 } }, // upper lip
  { index: 57, point: { x: 0, y: 48, z: -17 } }, // lower lip
  { index: 8, point: { x: 0, y: 85, z: -28 } }, // chin
];

const DEG = 180 / Math.PI;

/**
 * Scaled-orthographic pose of the generic head from the 68 landmarks (image pixels): the linear least-squares
 * 2x3 projection M of the centred model onto the centred points, then its nearest scaled rotation,
 * (M Mᵀ)^(-1/2) M (the two rows orthonormal), completed by their cross product. A weak-perspective
 * solvePnP: faces are small against their distance to a webcam, and it needs no camera intrinsics.
 */
export function headPose(points: Point[]): HeadPose {
  if (points.length !== 68) throw new RangeError(`expected 68 landmarks, got ${points.length}`);
  const model = GENERIC_HEAD.map((m) => m.point);
  const image = GENERIC_HEAD.map((m) => points[m.index]);
  const n = model.length;
  const mc = centroid3(model);
  const ic = { x: image.reduce((s, p) => s + p.x, 0) / n, y: image.reduce((s, p) => s + p.y, 0) / n };
  const X = model.map((p) => [p.x - mc.x, p.y - mc.y, p.z - mc.z]);
  const u = image.map((p) => p.x - ic.x);
  const v = image.map((p) => p.y - ic.y);

  // M = [u; v] Xᵀ (X Xᵀ)^-1, rows of M solved independently.
  const xtx = zeros3();
  const bu = [0, 0, 0];
  const bv = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < 3; a++) {
      bu[a] += u[i] * X[i][a];
      bv[a] += v[i] * X[i][a];
      for (let b = 0; b < 3; b++) xtx[a][b] += X[i][a] * X[i][b];
    }
  }
  const inv = invert3(xtx);
  const m1 = mulVec3(inv, bu);
  const m2 = mulVec3(inv, bv);

  // Nearest scaled rotation: S = (M Mᵀ)^(1/2), R12 = S^-1 M, scale = trace(S) / 2.
  const a = dot(m1, m1);
  const b = dot(m1, m2);
  const d = dot(m2, m2);
  const det = a * d - b * b;
  if (!(det > 0)) throw new RangeError('landmarks are degenerate (collinear)');
  const sd = Math.sqrt(det);
  const t = Math.sqrt(a + d + 2 * sd);
  const s11 = (a + sd) / t;
  const s12 = b / t;
  const s22 = (d + sd) / t;
  const sdet = s11 * s22 - s12 * s12;
  const r1 = m1.map((_, k) => (s22 * m1[k] - s12 * m2[k]) / sdet);
  const r2 = m1.map((_, k) => (-s12 * m1[k] + s11 * m2[k]) / sdet);
  const r3 = cross(r1, r2);
  const scale = (s11 + s22) / 2;

  let sq = 0;
  for (let i = 0; i < n; i++) {
    sq += (u[i] - scale * dot(r1, X[i])) ** 2 + (v[i] - scale * dot(r2, X[i])) ** 2;
  }
  // R = Rz(roll) Ry(yaw) Rx(pitch) with Ry turning +z towards +x and Rx turning +z towards -y (up).
  const yaw = Math.asin(clamp(-r3[0])) * DEG;
  const pitch = Math.atan2(r3[1], r3[2]) * DEG;
  const roll = Math.atan2(r2[0], r1[0]) * DEG;
  return { yaw, pitch, roll, scale, residual: Math.sqrt(sq / n) / scale };
}

/** Rotation matrix (rows) of a pose in the convention of HeadPose (degrees); used to build test poses. */
export function rotationOf(yaw: number, pitch: number, roll = 0): number[][] {
  const [cy, sy] = [Math.cos(yaw / DEG), Math.sin(yaw / DEG)];
  const [cp, sp] = [Math.cos(pitch / DEG), Math.sin(pitch / DEG)];
  const [cr, sr] = [Math.cos(roll / DEG), Math.sin(roll / DEG)];
  const ry = [[cy, 0, sy], [0, 1, 0], [-sy, 0, cy]];
  const rx = [[1, 0, 0], [0, cp, -sp], [0, sp, cp]];
  const rz = [[cr, -sr, 0], [sr, cr, 0], [0, 0, 1]];
  return mul3(rz, mul3(ry, rx));
}

const dot = (p: number[], q: number[]) => p[0] * q[0] + p[1] * q[1] + p[2] * q[2];
const cross = (p: number[], q: number[]) => [p[1] * q[2] - p[2] * q[1], p[2] * q[0] - p[0] * q[2], p[0] * q[1] - p[1] * q[0]];
const clamp = (x: number) => Math.max(-1, Math.min(1, x));
const zeros3 = () => [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
const mulVec3 = (m: number[][], p: number[]) => [dot(m[0], p), dot(m[1], p), dot(m[2], p)];
const mul3 = (p: number[][], q: number[][]) => p.map((row) => [0, 1, 2].map((j) => row[0] * q[0][j] + row[1] * q[1][j] + row[2] * q[2][j]));

function centroid3(points: Point3[]): Point3 {
  const n = points.length;
  return { x: points.reduce((s, p) => s + p.x, 0) / n, y: points.reduce((s, p) => s + p.y, 0) / n, z: points.reduce((s, p) => s + p.z, 0) / n };
}

function invert3(m: number[][]): number[][] {
  const [[a, b, c], [d, e, f], [g, h, i]] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (Math.abs(det) < 1e-12) throw new RangeError('singular model');
  return [
    [A / det, -(b * i - c * h) / det, (b * f - c * e) / det],
    [B / det, (a * i - c * g) / det, -(a * f - c * d) / det],
    [C / det, -(a * h - b * g) / det, (a * e - b * d) / det],
  ];
}
