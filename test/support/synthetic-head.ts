import { GENERIC_HEAD, Point, Point3, rotationOf } from '@faceauth/inference';

/**
 * 68 3-D points shaped like a face for the pose and planarity tests: the generic head's points where it has
 * them, the others spread over a curved face surface (a fixed pseudo-random pattern).
 */
export function syntheticHead(flat = false): Point3[] {
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const points: Point3[] = Array.from({ length: 68 }, () => {
    const x = -60 + 120 * random();
    const y = -60 + 150 * random();
    return { x, y, z: -0.008 * x * x - 0.003 * (y - 10) ** 2 };
  });
  for (const { index, point } of GENERIC_HEAD) points[index] = { ...point };
  return flat ? points.map((p) => ({ ...p, z: 0 })) : points;
}

/** Scaled-orthographic image of `points` at a pose (degrees), `scale` px per mm, centred on (320, 240). */
export function project(points: Point3[], yaw: number, pitch: number, roll = 0, scale = 2): Point[] {
  const r = rotationOf(yaw, pitch, roll);
  return points.map((p) => ({
    x: 320 + scale * (r[0][0] * p.x + r[0][1] * p.y + r[0][2] * p.z),
    y: 240 + scale * (r[1][0] * p.x + r[1][1] * p.y + r[1][2] * p.z),
  }));
}
