{
  "targets": [{
    "target_name": "pixel_kernels",
    "sources": ["src/kernels.cc", "src/addon.cc"],
    # -ffp-contract=off: no fused multiply-add, whose single rounding would differ from JavaScript's two
    # (clang contracts by default on ARM64; GCC does wherever the target has FMA).
    "cflags_cc": ["-O3", "-ffp-contract=off", "-fno-fast-math", "-std=c++17"],
    "cflags_cc!": ["-fno-exceptions"],
    "xcode_settings": {
      "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
      "OTHER_CPLUSPLUSFLAGS": ["-O3", "-ffp-contract=off", "-fno-fast-math", "-std=c++17"]
    }
  }]
}
