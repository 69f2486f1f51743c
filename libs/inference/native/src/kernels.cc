#include "kernels.h"

#include <cmath>

namespace pk {
namespace {

// ECMAScript ToInt32 (what `v | 0` does): truncation, then modulo 2^32.
inline int32_t toInt32(double v) {
  if (v > -2147483648.0 && v < 2147483648.0) return static_cast<int32_t>(v);
  if (!std::isfinite(v)) return 0;
  double m = std::fmod(std::trunc(v), 4294967296.0);
  if (m < 0) m += 4294967296.0;
  return static_cast<int32_t>(static_cast<uint32_t>(m));
}

// What storing a number into a Uint8Array does (ECMAScript ToUint8).
inline uint8_t toUint8(double v) { return static_cast<uint8_t>(static_cast<uint32_t>(toInt32(v))); }

template <typename Out>
inline Out store(double v);
template <>
inline uint8_t store<uint8_t>(double v) { return toUint8(v); }
template <>
inline float store<float>(double v) { return static_cast<float>(v); }

}  // namespace

void filterRows(const uint8_t* data, int32_t sw, int32_t sh, Taps hx, const int32_t* slot, float* tmp,
                int32_t width, int32_t xFirst, int32_t xEnd) {
  for (int32_t y = 0; y < sh; y++) {
    if (slot[y] < 0) continue;
    const int64_t row = static_cast<int64_t>(y) * sw * 3;
    const int64_t outRow = static_cast<int64_t>(slot[y]) * width * 3;
    for (int32_t x = xFirst; x < xEnd; x++) {
      double r = 0, g = 0, b = 0;
      const int32_t t1 = hx.start[x + 1];
      for (int32_t t = hx.start[x]; t < t1; t++) {
        const uint8_t* p = data + row + static_cast<int64_t>(hx.index[t]) * 3;
        const double w = hx.weight[t];
        r += w * p[0];
        g += w * p[1];
        b += w * p[2];
      }
      float* o = tmp + outRow + static_cast<int64_t>(x) * 3;
      o[0] = static_cast<float>(r);
      o[1] = static_cast<float>(g);
      o[2] = static_cast<float>(b);
    }
  }
}

template <typename Out>
void filterColumns(Taps vy, const int32_t* slot, const float* tmp, int32_t width, int32_t height, int32_t xFirst,
                   int32_t xEnd, Out* out, int64_t outLength, Layout layout) {
  const Out fill = store<Out>(layout.offset);
  for (int64_t i = 0; i < outLength; i++) out[i] = fill;
  for (int32_t y = 0; y < height; y++) {
    const int32_t t0 = vy.start[y];
    const int32_t t1 = vy.start[y + 1];
    if (t0 >= t1) continue;
    for (int32_t x = xFirst; x < xEnd; x++) {
      double r = 0, g = 0, b = 0;
      for (int32_t t = t0; t < t1; t++) {
        const float* p = tmp + (static_cast<int64_t>(slot[vy.index[t]]) * width + x) * 3;
        const double w = vy.weight[t];
        r += w * p[0];
        g += w * p[1];
        b += w * p[2];
      }
      const int64_t o = layout.origin + x * layout.dx + y * layout.dy;
      out[layout.c0 + o] = store<Out>(r * layout.scale + layout.offset);
      out[layout.c1 + o] = store<Out>(g * layout.scale + layout.offset);
      out[layout.c2 + o] = store<Out>(b * layout.scale + layout.offset);
    }
  }
}

template void filterColumns<uint8_t>(Taps, const int32_t*, const float*, int32_t, int32_t, int32_t, int32_t, uint8_t*,
                                     int64_t, Layout);
template void filterColumns<float>(Taps, const int32_t*, const float*, int32_t, int32_t, int32_t, int32_t, float*,
                                   int64_t, Layout);

namespace {

// warp.ts accumulateEdge for RGB: taps outside the image count as black.
inline void accumulateEdge(const uint8_t* data, int32_t sw, int32_t sh, int32_t x0, int32_t y0, double fx, double fy,
                           double acc[3]) {
  for (int n = 0; n < 4; n++) {
    const int64_t px = static_cast<int64_t>(x0) + (n & 1);
    const int64_t py = static_cast<int64_t>(y0) + (n >> 1);
    if (px < 0 || py < 0 || px >= sw || py >= sh) continue;
    const double w = ((n & 1) ? fx : 1 - fx) * ((n >> 1) ? fy : 1 - fy);
    const uint8_t* p = data + (py * sw + px) * 3;
    acc[0] += w * p[0];
    acc[1] += w * p[1];
    acc[2] += w * p[2];
  }
}

}  // namespace

void warpRgb(const uint8_t* data, int32_t sw, int32_t sh, const double* toSource, int32_t width, int32_t height,
             int32_t k, uint8_t* out) {
  const double a = toSource[0], b = toSource[1], c = toSource[2], d = toSource[3], e = toSource[4], f = toSource[5];
  const double weight = 1.0 / (k * k);
  const int64_t stride = static_cast<int64_t>(sw) * 3;
  const double ai = a / k, di = d / k, bj = b / k, ej = e / k;
  const double offset = 0.5 / k - 0.5;
  const double ox = a * offset + b * offset + c;
  const double oy = d * offset + e * offset + f;
  int64_t o = 0;
  for (int32_t y = 0; y < height; y++) {
    for (int32_t x = 0; x < width; x++, o += 3) {
      double r = 0, g = 0, bl = 0;
      const double px = ox + a * x + b * y;
      const double py = oy + d * x + e * y;
      for (int32_t j = 0; j < k; j++) {
        double sx = px + bj * j;
        double sy = py + ej * j;
        for (int32_t i = 0; i < k; i++, sx += ai, sy += di) {
          const int32_t tx = toInt32(sx);
          const int32_t ty = toInt32(sy);
          const int32_t x0 = tx > sx ? tx - 1 : tx;
          const int32_t y0 = ty > sy ? ty - 1 : ty;
          const double fx = sx - x0;
          const double fy = sy - y0;
          if (x0 >= 0 && y0 >= 0 && static_cast<int64_t>(x0) + 1 < sw && static_cast<int64_t>(y0) + 1 < sh) {
            const uint8_t* p = data + y0 * stride + static_cast<int64_t>(x0) * 3;
            const uint8_t* q = p + stride;
            const double top0 = p[0] + fx * (p[3] - p[0]);
            const double top1 = p[1] + fx * (p[4] - p[1]);
            const double top2 = p[2] + fx * (p[5] - p[2]);
            r += top0 + fy * (q[0] + fx * (q[3] - q[0]) - top0);
            g += top1 + fy * (q[1] + fx * (q[4] - q[1]) - top1);
            bl += top2 + fy * (q[2] + fx * (q[5] - q[2]) - top2);
          } else {
            double acc[3] = {0, 0, 0};
            accumulateEdge(data, sw, sh, x0, y0, fx, fy, acc);
            r += acc[0];
            g += acc[1];
            bl += acc[2];
          }
        }
      }
      out[o] = toUint8(toInt32(r * weight + 0.5));
      out[o + 1] = toUint8(toInt32(g * weight + 0.5));
      out[o + 2] = toUint8(toInt32(bl * weight + 0.5));
    }
  }
}

}  // namespace pk
