# The API image; the same image runs the queue worker (`node apps/api/dist/worker.js`).
# Build from the repository root: docker build -f docker/api.Dockerfile -t bdhv-api .
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 and other native modules build here when no prebuilt binary is available.
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
ENV NX_NO_CLOUD=true NX_DAEMON=false PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
COPY package.json package-lock.json .npmrc ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY libs/contracts/package.json libs/contracts/
COPY e2e/package.json e2e/
RUN npm ci --no-audit --no-fund
COPY . .
# The same build command CI runs.
RUN npm run build
RUN npm prune --omit=dev

FROM node:20-bookworm-slim
# ffmpeg transcodes lesson videos in the worker.
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends ffmpeg curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production PORT=3000
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/libs/contracts/package.json libs/contracts/
COPY --from=build /app/libs/contracts/dist libs/contracts/dist
COPY --from=build /app/apps/api/package.json apps/api/
COPY --from=build /app/apps/api/dist apps/api/dist
COPY --from=build /app/apps/web/dist apps/web/dist
RUN mkdir -p data && chown node:node data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s CMD curl -fsS http://127.0.0.1:3000/api/health || exit 1
CMD ["node", "apps/api/dist/main.js"]
