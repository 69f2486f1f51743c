import { iou, nms } from './nms';

const box = (x1: number, y1: number, x2: number, y2: number, score: number) => ({ x1, y1, x2, y2, score });

describe('nms', () => {
  it('computes intersection over union', () => {
    expect(iou(box(0, 0, 10, 10, 1), box(5, 0, 15, 10, 1))).toBeCloseTo(50 / 150, 10);
    expect(iou(box(0, 0, 10, 10, 1), box(20, 20, 30, 30, 1))).toBe(0);
  });

  it('keeps the best box of an overlapping cluster and every separate box, best first', () => {
    const kept = nms([box(1, 1, 11, 11, 0.9), box(0, 0, 10, 10, 0.95), box(50, 50, 60, 60, 0.85), box(2, 0, 12, 10, 0.8)], 0.4);
    expect(kept).toEqual([box(0, 0, 10, 10, 0.95), box(50, 50, 60, 60, 0.85)]);
  });

  it('keeps boxes that overlap no more than the threshold', () => {
    // IoU of these two is 1/3.
    expect(nms([box(0, 0, 10, 10, 0.9), box(5, 0, 15, 10, 0.8)], 0.4)).toHaveLength(2);
    expect(nms([box(0, 0, 10, 10, 0.9), box(5, 0, 15, 10, 0.8)], 0.3)).toHaveLength(1);
  });

  it('returns nothing for nothing', () => {
    expect(nms([], 0.4)).toEqual([]);
  });
});
