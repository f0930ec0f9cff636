# syntax=docker/dockerfile:1
# One image for every AlpesPartner process; the service is chosen by the command (see docker-compose.yml).
# Multi-stage: dependencies and generated Prisma clients are built once, the runtime stage runs as a non-root user.

FROM node:20.19-bookworm-slim AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/ packages/
COPY stack/ stack/
COPY subgraphs/ subgraphs/
COPY gateway/ gateway/
COPY e2e/package.json e2e/package.json
COPY prisma/ prisma/
COPY scripts/prisma-generate.mjs scripts/prisma-generate.mjs
# pulsar-client (an optionalDependency) downloads its prebuilt native binary here: the services run PULSAR_CLIENT=native.
RUN npm ci --no-audit --no-fund

FROM node:20.19-bookworm-slim AS runtime
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
