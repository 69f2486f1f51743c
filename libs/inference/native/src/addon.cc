// Node-API bindings of kernels.h. The JavaScript side (libs/inference/src/native-kernels.ts) checks every
// size and index before the call; here each typed array's type and length are checked again, so a wrong call
// throws a TypeError or RangeError instead of touching memory it does not own.
#include <node_api.h>

#include <cstdint>
#include <string>

#include "kernels.h"

namespace {

struct Fail {
  const char* kind;  // "type" or "range"
  std::string message;
};

napi_value throwFail(napi_env env, const Fail& fail) {
  if (std::string(fail.kind) == "type") napi_throw_type_error(env, nullptr, fail.message.c_str());
  else napi_throw_range_error(env, nullptr, fail.message.c_str());
  return nullptr;
}

template <typename T>
T* typedArray(napi_env env, napi_value value, napi_typedarray_type want, size_t minLength, const char* name,
              size_t* length = nullptr) {
  bool is = false;
  napi_is_typedarray(env, value, &is);
  if (!is) throw Fail{"type", std::string(name) + " must be a typed array"};
  napi_typedarray_type type;
  size_t count;
  void* data;
  napi_get_typedarray_info(env, value, &type, &count, &data, nullptr, nullptr);
  if (type != want) throw Fail{"type", std::string(name) + " has the wrong element type"};
  if (count < minLength) throw Fail{"range", std::string(name) + " is too short"};
  if (length) *length = count;
  return static_cast<T*>(data);
}

int32_t int32Arg(napi_env env, napi_value value, const char* name) {
  int32_t out;
  if (napi_get_value_int32(env, value, &out) != napi_ok) throw Fail{"type", std::string(name) + " must be a number"};
  return out;
}

double doubleArg(napi_env env, napi_value value, const char* name) {
  double out;
  if (napi_get_value_double(env, value, &out) != napi_ok) throw Fail{"type", std::string(name) + " must be a number"};
  return out;
}

template <size_t N>
void args(napi_env env, napi_callback_info info, napi_value (&argv)[N]) {
  size_t argc = N;
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc < N) throw Fail{"type", "expected " + std::to_string(N) + " arguments"};
}

// Taps as three typed arrays (start, index, weight) for `outSize` outputs, every index below `size`.
pk::Taps taps(napi_env env, napi_value start, napi_value index, napi_value weight, int32_t outSize, int32_t size) {
  const int32_t* s = typedArray<int32_t>(env, start, napi_int32_array, outSize + 1, "start");
  size_t indexLength, weightLength;
  const int32_t* i = typedArray<int32_t>(env, index, napi_int32_array, 0, "index", &indexLength);
  const float* w = typedArray<float>(env, weight, napi_float32_array, 0, "weight", &weightLength);
  int32_t previous = 0;
  for (int32_t o = 0; o <= outSize; o++) {
    if (s[o] < previous || static_cast<size_t>(s[o]) > indexLength || static_cast<size_t>(s[o]) > weightLength)
      throw Fail{"range", "taps out of order"};
    previous = s[o];
  }
  for (int32_t t = s[0]; t < s[outSize]; t++)
    if (i[t] < 0 || i[t] >= size) throw Fail{"range", "tap index outside the source"};
  return {s, i, w};
}

// A binding: N arguments read, then Body; a Fail becomes the JavaScript exception.
template <size_t N, void (*Body)(napi_env, napi_value (&)[N])>
napi_value Guarded(napi_env env, napi_callback_info info) {
  try {
    napi_value argv[N];
    args(env, info, argv);
    Body(env, argv);
  } catch (const Fail& fail) {
    return throwFail(env, fail);
  }
  return nullptr;
}

// filterRows(data, sw, sh, start, index, weight, slot, tmp, width, xFirst, xEnd)
void FilterRows(napi_env env, napi_value (&argv)[11]) {
  const int32_t sw = int32Arg(env, argv[1], "sw"), sh = int32Arg(env, argv[2], "sh");
  const int32_t width = int32Arg(env, argv[8], "width");
  const int32_t xFirst = int32Arg(env, argv[9], "xFirst"), xEnd = int32Arg(env, argv[10], "xEnd");
  if (sw <= 0 || sh <= 0 || width <= 0 || xFirst < 0 || xEnd > width) throw Fail{"range", "bad sizes"};
  const uint8_t* data = typedArray<uint8_t>(env, argv[0], napi_uint8_array, static_cast<size_t>(sw) * sh * 3, "data");
  const pk::Taps hx = taps(env, argv[3], argv[4], argv[5], width, sw);
  size_t tmpLength;
  const int32_t* slot = typedArray<int32_t>(env, argv[6], napi_int32_array, sh, "slot");
  float* tmp = typedArray<float>(env, argv[7], napi_float32_array, 0, "tmp", &tmpLength);
  for (int32_t y = 0; y < sh; y++)
    if (slot[y] >= 0 && (static_cast<size_t>(slot[y]) + 1) * width * 3 > tmpLength) throw Fail{"range", "tmp is too short"};
  pk::filterRows(data, sw, sh, hx, slot, tmp, width, xFirst, xEnd);
}

// filterColumns(start, index, weight, slot, tmp, width, height, xFirst, xEnd, out, origin, dx, dy, c0, c1, c2, scale, offset)
void FilterColumns(napi_env env, napi_value (&argv)[18]) {
  const int32_t width = int32Arg(env, argv[5], "width"), height = int32Arg(env, argv[6], "height");
  const int32_t xFirst = int32Arg(env, argv[7], "xFirst"), xEnd = int32Arg(env, argv[8], "xEnd");
  if (width <= 0 || height <= 0 || xFirst < 0 || xEnd > width) throw Fail{"range", "bad sizes"};
  size_t slotLength, tmpLength;
  const int32_t* slot = typedArray<int32_t>(env, argv[3], napi_int32_array, 0, "slot", &slotLength);
  const pk::Taps vy = taps(env, argv[0], argv[1], argv[2], height, static_cast<int32_t>(slotLength));
  const float* tmp = typedArray<float>(env, argv[4], napi_float32_array, 0, "tmp", &tmpLength);
  for (int32_t t = vy.start[0]; t < vy.start[height]; t++) {
    const int32_t s = slot[vy.index[t]];
    if (s < 0 || (static_cast<size_t>(s) + 1) * width * 3 > tmpLength) throw Fail{"range", "a tap reads an unfiltered row"};
  }
  pk::Layout layout{int32Arg(env, argv[10], "origin"), int32Arg(env, argv[11], "dx"), int32Arg(env, argv[12], "dy"),
                    int32Arg(env, argv[13], "c0"),     int32Arg(env, argv[14], "c1"), int32Arg(env, argv[15], "c2"),
                    doubleArg(env, argv[16], "scale"), doubleArg(env, argv[17], "offset")};
  napi_typedarray_type type;
  size_t outLength;
  void* out;
  bool is = false;
  napi_is_typedarray(env, argv[9], &is);
  if (!is) throw Fail{"type", "out must be a typed array"};
  napi_get_typedarray_info(env, argv[9], &type, &outLength, &out, nullptr, nullptr);
  // Every written index lies between the layout's extremes: check the four corners of each channel.
  for (int64_t c : {layout.c0, layout.c1, layout.c2})
    for (int64_t x : {static_cast<int64_t>(xFirst), static_cast<int64_t>(xEnd) - 1})
      for (int64_t y : {static_cast<int64_t>(0), static_cast<int64_t>(height) - 1}) {
        if (xEnd <= xFirst) continue;
        const int64_t o = c + layout.origin + x * layout.dx + y * layout.dy;
        if (o < 0 || o >= static_cast<int64_t>(outLength)) throw Fail{"range", "the layout writes outside out"};
      }
  if (type == napi_uint8_array)
    pk::filterColumns(vy, slot, tmp, width, height, xFirst, xEnd, static_cast<uint8_t*>(out), outLength, layout);
  else if (type == napi_float32_array)
    pk::filterColumns(vy, slot, tmp, width, height, xFirst, xEnd, static_cast<float*>(out), outLength, layout);
  else throw Fail{"type", "out must be a Uint8Array or a Float32Array"};
}

// warpRgb(data, sw, sh, toSource: Float64Array(6), width, height, k, out)
void WarpRgb(napi_env env, napi_value (&argv)[8]) {
  const int32_t sw = int32Arg(env, argv[1], "sw"), sh = int32Arg(env, argv[2], "sh");
  const int32_t width = int32Arg(env, argv[4], "width"), height = int32Arg(env, argv[5], "height");
  const int32_t k = int32Arg(env, argv[6], "k");
  if (sw <= 0 || sh <= 0 || width <= 0 || height <= 0 || k < 1 || k > 64) throw Fail{"range", "bad sizes"};
  const uint8_t* data = typedArray<uint8_t>(env, argv[0], napi_uint8_array, static_cast<size_t>(sw) * sh * 3, "data");
  const double* toSource = typedArray<double>(env, argv[3], napi_float64_array, 6, "toSource");
  uint8_t* out = typedArray<uint8_t>(env, argv[7], napi_uint8_array, static_cast<size_t>(width) * height * 3, "out");
  pk::warpRgb(data, sw, sh, toSource, width, height, k, out);
}

// setSimd(enabled: boolean) -> boolean: the AVX2 paths on or off (tests run the scalar loops with it).
napi_value SetSimd(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  bool enabled = false;
  if (argc < 1 || napi_get_value_bool(env, argv[0], &enabled) != napi_ok) {
    napi_throw_type_error(env, nullptr, "enabled must be a boolean");
    return nullptr;
  }
  napi_value result;
  napi_get_boolean(env, pk::setSimd(enabled), &result);
  return result;
}

napi_value Init(napi_env env, napi_value exports) {
  const napi_property_descriptor methods[] = {
      {"filterRows", nullptr, Guarded<11, FilterRows>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"filterColumns", nullptr, Guarded<18, FilterColumns>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"warpRgb", nullptr, Guarded<8, WarpRgb>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"setSimd", nullptr, SetSimd, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof(methods) / sizeof(methods[0]), methods);
  return exports;
}

}  // namespace

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
