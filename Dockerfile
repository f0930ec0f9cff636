# syntax=docker/dockerfile:1
# One image for every AlpesPartner process; the service is chosen by the command (see docker-compose.yml).
# Multi-stage: libpulsar, then dependencies, the patched native Pulsar client and generated Prisma clients are built
# once; the runtime stage runs as a non-root user.

# libpulsar 4.2.0 (static), built from its C++ source by npm run pulsar:native's own recipe: a layer of its own, which
# package changes do not invalidate (~5 min on 2 cores). The source: docker/pulsar-cpp/README.md.
FROM node:20.19-bookworm-slim AS libpulsar
ENV PULSAR_CPP_PREFIX=/opt/pulsar-cpp-4.2.0
# the Debian packages of scripts/pulsar/native.mjs (DEBIAN_PACKAGES), curl for the source tarball
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl g++ cmake make python3 libboost-dev libprotobuf-dev \
      protobuf-compiler libcurl4-openssl-dev libssl-dev zlib1g-dev libzstd-dev libsnappy-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ARG PULSAR_CPP_URL=https://archive.apache.org/dist/pulsar/pulsar-client-cpp-4.2.0/apache-pulsar-client-cpp-4.2.0.tar.gz
COPY docker/pulsar-cpp/ /tmp/pulsar-cpp/
COPY scripts/lib/ scripts/lib/
COPY scripts/prerequisites/ scripts/prerequisites/
COPY scripts/pulsar/ scripts/pulsar/
RUN tarball="$(sh /tmp/pulsar-cpp/fetch-source.sh /tmp/pulsar-cpp "$PULSAR_CPP_URL")" \
 && PULSAR_CPP_SOURCE="$tarball" node scripts/pulsar/native.mjs --libpulsar-only \
 && rm -rf /tmp/pulsar-cpp "$PULSAR_CPP_PREFIX.logs"

FROM libpulsar AS dependencies
COPY package.json package-lock.json ./
COPY packages/ packages/
COPY stack/ stack/
COPY subgraphs/ subgraphs/
COPY gateway/ gateway/
COPY e2e/package.json e2e/package.json
COPY prisma/ prisma/
COPY scripts/prisma-generate.mjs scripts/prisma-generate.mjs
RUN npm ci --no-audit --no-fund
# pulsar-client (an optionalDependency): npm's prebuilt binary (when npm ci could download it) lacks the project's
# patches (the reader fix, the completion and listener queues): rebuilt from source against the libpulsar above, checked
# to load. The services run PULSAR_CLIENT=native.
RUN npm run pulsar:native && rm -rf "$PULSAR_CPP_PREFIX.logs" /root/.npm

FROM node:20.19-bookworm-slim AS runtime
# what the addon links dynamically (LINK_FLAGS of scripts/pulsar/native.mjs); libpulsar itself is linked in statically
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates libprotobuf32 libcurl4 libssl3 zlib1g libzstd1 libsnappy1v5 \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production APOLLO_TELEMETRY_DISABLED=true
WORKDIR /app
COPY --from=dependencies --chown=node:node /app /app
COPY --chown=node:node tsconfig.json ./
COPY --chown=node:node scripts/ scripts/
USER node
# Fail the build, not the first start, when the native Pulsar client cannot load in this image.
RUN cd packages/messaging && node -e "require('pulsar-client')"
# The gateway's bundle (gateway/build.mjs; `npm run start -w gateway` rebuilds it at start, this fails the build instead).
RUN node gateway/build.mjs
EXPOSE 4000 4001 4002 4003
CMD ["npm", "run", "start", "-w", "gateway"]
