#include "kernels.h"

#include <cmath>
#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define PK_X86 1
#endif

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

#ifdef PK_X86
namespace {

bool detectAvx2() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2");
}
const bool hasAvx2 = detectAvx2();
// Cleared only by tests (setSimd), to run the scalar loops on a CPU that has AVX2.
bool simdEnabled = hasAvx2;

// An RGB pixel's three bytes as the lanes 0-2 of four doubles (lane 3 zero).
__attribute__((target("avx2"))) inline __m256d rgbBytes(const uint8_t* p) {
  const int32_t v = p[0] | (p[1] << 8) | (p[2] << 16);
  return _mm256_cvtepi32_pd(_mm_cvtepu8_epi32(_mm_cvtsi32_si128(v)));
}

// An RGB pixel's three floats as the lanes 0-2 of four doubles (lane 3 zero).
__attribute__((target("avx2"))) inline __m256d rgbFloats(const float* p) {
  return _mm256_cvtps_pd(_mm_setr_ps(p[0], p[1], p[2], 0.0f));
}

// The scalar loops below with the three channels in the lanes of one vector: each lane does the scalar
// channel's operations in the same order, so the results are the same to the bit.
__attribute__((target("avx2"))) void filterRowsAvx2(const uint8_t* data, int32_t sw, int32_t sh, Taps hx,
                                                    const int32_t* slot, float* tmp, int32_t width, int32_t xFirst,
                                                    int32_t xEnd) {
  for (int32_t y = 0; y < sh; y++) {
    if (slot[y] < 0) continue;
    const uint8_t* row = data + static_cast<int64_t>(y) * sw * 3;
    float* outRow = tmp + static_cast<int64_t>(slot[y]) * width * 3;
    for (int32_t x = xFirst; x < xEnd; x++) {
      __m256d acc = _mm256_setzero_pd();
      const int32_t t1 = hx.start[x + 1];
      for (int32_t t = hx.start[x]; t < t1; t++)
        acc = _mm256_add_pd(acc, _mm256_mul_pd(_mm256_set1_pd(hx.weight[t]), rgbBytes(row + static_cast<int64_t>(hx.index[t]) * 3)));
      const __m128 rounded = _mm256_cvtpd_ps(acc);
      float* o = outRow + static_cast<int64_t>(x) * 3;
      _mm_storel_pi(reinterpret_cast<__m64*>(o), rounded);
      _mm_store_ss(o + 2, _mm_movehl_ps(rounded, rounded));
    }
  }
}

template <typename Out>
__attribute__((target("avx2"))) void filterColumnsAvx2(Taps vy, const int32_t* slot, const float* tmp, int32_t width,
                                                       int32_t height, int32_t xFirst, int32_t xEnd, Out* out,
                                                       Layout layout) {
  const __m256d scale = _mm256_set1_pd(layout.scale), offset = _mm256_set1_pd(layout.offset);
  for (int32_t y = 0; y < height; y++) {
    const int32_t t0 = vy.start[y];
    const int32_t t1 = vy.start[y + 1];
    if (t0 >= t1) continue;
    for (int32_t x = xFirst; x < xEnd; x++) {
      __m256d acc = _mm256_setzero_pd();
      for (int32_t t = t0; t < t1; t++)
        acc = _mm256_add_pd(acc, _mm256_mul_pd(_mm256_set1_pd(vy.weight[t]),
                                               rgbFloats(tmp + (static_cast<int64_t>(slot[vy.index[t]]) * width + x) * 3)));
      alignas(32) double v[4];
      _mm256_store_pd(v, _mm256_add_pd(_mm256_mul_pd(acc, scale), offset));
      const int64_t o = layout.origin + x * layout.dx + y * layout.dy;
      out[layout.c0 + o] = store<Out>(v[0]);
      out[layout.c1 + o] = store<Out>(v[1]);
      out[layout.c2 + o] = store<Out>(v[2]);
    }
  }
}

}  // namespace
#endif

void filterRows(const uint8_t* data, int32_t sw, int32_t sh, Taps hx, const int32_t* slot, float* tmp,
                int32_t width, int32_t xFirst, int32_t xEnd) {
#ifdef PK_X86
  if (simdEnabled) return filterRowsAvx2(data, sw, sh, hx, slot, tmp, width, xFirst, xEnd);
#endif
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
#ifdef PK_X86
  if (simdEnabled) return filterColumnsAvx2(vy, slot, tmp, width, height, xFirst, xEnd, out, layout);
#endif
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


#ifdef PK_X86
// Six bytes (never past the image's last byte) as the low bytes of a 64-bit integer.
inline long long load6(const uint8_t* p) {
  uint32_t low;
  uint16_t high;
  std::memcpy(&low, p, 4);
  std::memcpy(&high, p + 4, 2);
  return static_cast<long long>(low | (static_cast<uint64_t>(high) << 32));
}

// One output pixel of the 2x2-sample warp, its four samples in the four lanes of AVX2 doubles: the same
// operations as the scalar loop lane by lane (no FMA: this target has none), summed in the scalar loop's order.
// False when a sample is not interior (or beyond int32): the caller then runs the scalar code for the pixel.
__attribute__((target("avx2"))) bool warpPixel2x2(const uint8_t* data, int32_t sw, int32_t sh, int64_t stride,
                                                  double px, double py, double ai, double di, double bj, double ej,
                                                  double sums[3]) {
  // Lanes (j, i) = (0, 0), (0, 1), (1, 0), (1, 1): sx = (px + bj * j) + ai * [i = 1], as the scalar steps.
  const __m256d sx = _mm256_add_pd(_mm256_add_pd(_mm256_set1_pd(px), _mm256_set_pd(bj * 1, bj * 1, bj * 0, bj * 0)),
                                   _mm256_set_pd(ai, 0, ai, 0));
  const __m256d sy = _mm256_add_pd(_mm256_add_pd(_mm256_set1_pd(py), _mm256_set_pd(ej * 1, ej * 1, ej * 0, ej * 0)),
                                   _mm256_set_pd(di, 0, di, 0));
  const __m256d limit = _mm256_set1_pd(2147483647.0);
  const __m256d inRange = _mm256_and_pd(
      _mm256_and_pd(_mm256_cmp_pd(sx, limit, _CMP_LT_OQ), _mm256_cmp_pd(sx, _mm256_set1_pd(-2147483647.0), _CMP_GT_OQ)),
      _mm256_and_pd(_mm256_cmp_pd(sy, limit, _CMP_LT_OQ), _mm256_cmp_pd(sy, _mm256_set1_pd(-2147483647.0), _CMP_GT_OQ)));
  if (_mm256_movemask_pd(inRange) != 0xF) return false;
  // floor as the scalar code: truncate, then one less where the truncation lies above.
  const __m256d one = _mm256_set1_pd(1.0);
  const __m256d tx = _mm256_cvtepi32_pd(_mm256_cvttpd_epi32(sx));
  const __m256d ty = _mm256_cvtepi32_pd(_mm256_cvttpd_epi32(sy));
  const __m256d x0 = _mm256_sub_pd(tx, _mm256_and_pd(_mm256_cmp_pd(tx, sx, _CMP_GT_OQ), one));
  const __m256d y0 = _mm256_sub_pd(ty, _mm256_and_pd(_mm256_cmp_pd(ty, sy, _CMP_GT_OQ), one));
  const __m256d fx = _mm256_sub_pd(sx, x0);
  const __m256d fy = _mm256_sub_pd(sy, y0);
  alignas(32) double xs[4], ys[4];
  _mm256_store_pd(xs, x0);
  _mm256_store_pd(ys, y0);
  const uint8_t* p[4];
  for (int l = 0; l < 4; l++) {
    const int64_t x = static_cast<int64_t>(xs[l]), y = static_cast<int64_t>(ys[l]);
    if (x < 0 || y < 0 || x + 1 >= sw || y + 1 >= sh) return false;
    p[l] = data + y * stride + x * 3;
  }
  // Each lane's two pixels (six bytes) of the upper and of the lower row, in registers (a vector loaded from
  // small stores would stall on store forwarding).
  const __m256i topBytes = _mm256_set_epi64x(load6(p[3]), load6(p[2]), load6(p[1]), load6(p[0]));
  const __m256i bottomBytes =
      _mm256_set_epi64x(load6(p[3] + stride), load6(p[2] + stride), load6(p[1] + stride), load6(p[0] + stride));
  for (int c = 0; c < 3; c++) {
    // In each 128-bit half (two lanes' 8 bytes): int32 slots = byte c of lane A, of lane B, byte c+3 of A, of B.
    const char n = -128;
    const __m256i pick = _mm256_setr_epi8(c, n, n, n, 8 + c, n, n, n, c + 3, n, n, n, 11 + c, n, n, n,
                                          c, n, n, n, 8 + c, n, n, n, c + 3, n, n, n, 11 + c, n, n, n);
    // -> [A0 B0 A3 B3 | C0 D0 C3 D3] -> [A0 B0 C0 D0 | A3 B3 C3 D3]
    const __m256i order = _mm256_setr_epi32(0, 1, 4, 5, 2, 3, 6, 7);
    const __m256i t = _mm256_permutevar8x32_epi32(_mm256_shuffle_epi8(topBytes, pick), order);
    const __m256i b = _mm256_permutevar8x32_epi32(_mm256_shuffle_epi8(bottomBytes, pick), order);
    const __m128i t0 = _mm256_castsi256_si128(t), t3 = _mm256_extracti128_si256(t, 1);
    const __m128i b0 = _mm256_castsi256_si128(b), b3 = _mm256_extracti128_si256(b, 1);
    const __m256d upper = _mm256_add_pd(_mm256_cvtepi32_pd(t0), _mm256_mul_pd(fx, _mm256_cvtepi32_pd(_mm_sub_epi32(t3, t0))));
    const __m256d lower = _mm256_add_pd(_mm256_cvtepi32_pd(b0), _mm256_mul_pd(fx, _mm256_cvtepi32_pd(_mm_sub_epi32(b3, b0))));
    const __m256d value = _mm256_add_pd(upper, _mm256_mul_pd(fy, _mm256_sub_pd(lower, upper)));
    alignas(32) double v[4];
    _mm256_store_pd(v, value);
    sums[c] = (((0.0 + v[0]) + v[1]) + v[2]) + v[3];
  }
  return true;
}

#endif

}  // namespace

namespace {

// One output pixel of warp.ts warpRgb's scalar loop: the k x k bilinear samples summed, per channel, into sums.
inline void warpPixel(const uint8_t* data, int32_t sw, int32_t sh, int64_t stride, double px, double py, double ai,
                      double di, double bj, double ej, int32_t k, double sums[3]) {
  double r = 0, g = 0, bl = 0;
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
  sums[0] = r;
  sums[1] = g;
  sums[2] = bl;
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
      const double px = ox + a * x + b * y;
      const double py = oy + d * x + e * y;
      double sums[3];
#ifdef PK_X86
      const bool vectorised = k == 2 && simdEnabled && warpPixel2x2(data, sw, sh, stride, px, py, ai, di, bj, ej, sums);
#else
      const bool vectorised = false;
#endif
      if (!vectorised) warpPixel(data, sw, sh, stride, px, py, ai, di, bj, ej, k, sums);
      // (v * weight + 0.5) | 0 stored into a Uint8Array: toUint8 does both conversions.
      out[o] = toUint8(sums[0] * weight + 0.5);
      out[o + 1] = toUint8(sums[1] * weight + 0.5);
      out[o + 2] = toUint8(sums[2] * weight + 0.5);
    }
  }
}

bool setSimd(bool enabled) {
#ifdef PK_X86
  simdEnabled = enabled && hasAvx2;
  return simdEnabled;
#else
  (void)enabled;
  return false;
#endif
}

}  // namespace pk
