# The shop in one image: the same steps npm test exercises (npm ci, next build, migrate, next
# start), run as a non-root user with the SQLite file on a volume. docs/deploy.md has the commands.

# 1. Dependencies: better-sqlite3 compiles from source, so the build stage has a toolchain.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN node node_modules/next/dist/bin/next build

# 2. The runtime: no compiler, no sources beyond what next start, the migrations and the scripts need.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    DATABASE_URL=/data/shop.db \
    PORT=3000
RUN useradd --system --uid 10001 --home-dir /app shop \
  && mkdir -p /data \
  && chown shop:shop /data
COPY --from=build --chown=shop:shop /app/package.json /app/next.config.mjs /app/tsconfig.json ./
COPY --from=build --chown=shop:shop /app/node_modules ./node_modules
COPY --from=build --chown=shop:shop /app/.next ./.next
COPY --from=build --chown=shop:shop /app/public ./public
COPY --from=build --chown=shop:shop /app/drizzle ./drizzle
COPY --from=build --chown=shop:shop /app/lib ./lib
COPY --from=build --chown=shop:shop /app/scripts ./scripts
USER shop
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# Migrations first (idempotent), then the server; configuration comes from the environment.
CMD ["sh", "-c", "node node_modules/tsx/dist/cli.mjs scripts/db-migrate.ts && exec node node_modules/next/dist/bin/next start -p \"$PORT\""]
