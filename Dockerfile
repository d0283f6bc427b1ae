# The shop in one image: the steps npm test exercises (npm ci, next build, migrate, the server),
# run as a non-root user with the SQLite file on a volume. docs/deploy.md has the commands.

# 1. The build: better-sqlite3 compiles from source, so this stage has a toolchain, and every
#    devDependency (Next's build, esbuild for the scripts).
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
# next build writes .next/standalone (the server and only the node_modules files it uses); the
# merchant's scripts become plain JavaScript in .next/scripts, so the runtime needs no tsx.
RUN node node_modules/next/dist/bin/next build \
  && node node_modules/tsx/dist/cli.mjs scripts/bundle-scripts.ts

# 2. The runtime: Next's standalone server, its static files, the migrations and the scripts;
#    no compiler, no sources, no devDependencies.
FROM node:20-bookworm-slim
WORKDIR /app
# HOSTNAME is the address the standalone server binds: every interface, so Docker can reach it.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    DATABASE_URL=/data/shop.db \
    PORT=3000 \
    HOSTNAME=0.0.0.0
RUN useradd --system --uid 10001 --home-dir /app shop \
  && mkdir -p /data \
  && chown shop:shop /data
COPY --from=build --chown=shop:shop /app/.next/standalone ./
COPY --from=build --chown=shop:shop /app/.next/static ./.next/static
COPY --from=build --chown=shop:shop /app/public ./public
COPY --from=build --chown=shop:shop /app/drizzle ./drizzle
COPY --from=build --chown=shop:shop /app/.next/scripts ./scripts
USER shop
VOLUME ["/data"]
EXPOSE 3000
# Readiness, not mere liveness: "healthy" means the database answers with every migration applied.
# It prints the answer, which `docker inspect` keeps; the timeout is above /api/ready's own 5 s
# wait for the database, so a 503 saying why arrives in time.
HEALTHCHECK --interval=30s --timeout=6s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/ready').then(async (r) => { console.log(await r.text()); process.exit(r.ok ? 0 : 1); }, (e) => { console.log(e.message); process.exit(1); })"
# Migrations first (idempotent), then the server; configuration comes from the environment.
CMD ["sh", "-c", "node scripts/db-migrate.mjs && exec node server.js"]
