{
  "targets": [{
    "target_name": "pixel_kernels",
    "sources": ["src/kernels.cc", "src/addon.cc"],
    "cflags_cc": ["-O3", "-ffp-contract=off", "-fno-fast-math", "-std=c++17"],
    "cflags_cc!": ["-fno-exceptions"]
  }]
}
