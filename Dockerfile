# syntax=docker/dockerfile:1
# vppstate's image: `vppstate run` beside VPP (charts/vppstate runs it as a DaemonSet).
#
#   docker build -t registry.example/vppstate:0.1.0 .
#   docker run --rm -v /run/vpp:/run/vpp -v /etc/vppstate:/etc/vppstate:ro vppstate:0.1.0
#
# The default command watches /etc/vppstate and talks to /run/vpp/api.sock. It runs as the
# unprivileged user `node` (uid 1000); a VPP socket only root may open needs `--user 0` (the
# chart's default: root without any capability) or the socket's group (`--group-add <gid>`).

ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Compile TypeScript with every dependency.
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts/bundle.mjs ./scripts/
RUN npm run build

# 2. Production dependencies only.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force

# 3. The runtime: node, the compiled code, production dependencies; nothing else.
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    VPPSTATE_SOCKET=/run/vpp/api.sock \
    VPPSTATE_LOCK_DIR=/tmp
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY package.json ./
COPY schemas ./schemas
COPY examples ./examples
RUN ln -s /app/dist/bin/vppstate.js /usr/local/bin/vppstate && chmod +x /app/dist/bin/vppstate.js
USER node
EXPOSE 9470
# SIGTERM reaches node directly (exec form): an apply in flight rolls back, then exit 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "/app/dist/bin/vppstate.js"]
CMD ["run", "/etc/vppstate", "--listen", ":9470", "--log-format", "json"]
