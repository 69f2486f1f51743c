// Pixel kernels of the inference path, each the exact arithmetic of its JavaScript original in
// libs/inference/src (same double-precision operations in the same order, no fused multiply-add), so the
// native and the JavaScript kernels give the same bytes and floats.
#pragma once
#include <cstdint>

namespace pk {

struct Taps {
  const int32_t* start;  // outSize + 1 entries
  const int32_t* index;
  const float* weight;
};

// resize.ts filterRows: the source rows with a slot, filtered horizontally into tmp (width RGB floats a row).
void filterRows(const uint8_t* data, int32_t sw, int32_t sh, Taps hx, const int32_t* slot, float* tmp,
                int32_t width, int32_t xFirst, int32_t xEnd);

// resize.ts filterColumns: output pixel (x, y) at origin + x * dx + y * dy, channels at c0..c2, v * scale + offset.
struct Layout {
  int64_t origin, dx, dy, c0, c1, c2;
  double scale, offset;
};
template <typename Out>
void filterColumns(Taps vy, const int32_t* slot, const float* tmp, int32_t width, int32_t height, int32_t xFirst,
                   int32_t xEnd, Out* out, int64_t outLength, Layout layout);

// warp.ts warpRgb: k x k bilinear samples per output pixel, black outside the source.
void warpRgb(const uint8_t* data, int32_t sw, int32_t sh, const double* toSource, int32_t width, int32_t height,
             int32_t k, uint8_t* out);

// The AVX2 paths on (when the CPU has AVX2) or off; returns whether they are on. For tests: process-wide.
bool setSimd(bool enabled);

}  // namespace pk
