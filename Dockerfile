# DingTalk Pro Steward: production image (Node 20 slim, non-root, production dependencies only).
# build: one install with the native build of better-sqlite3, the page and the server compiled, dev dependencies dropped
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# every dependency (vite and tsc are dev dependencies); better-sqlite3 is compiled here, once, and its sources and
# object files (about 30 MB) dropped, keeping the .node binary. Cached until the lockfile changes.
RUN npm ci --ignore-scripts --no-audit --no-fund && npm rebuild better-sqlite3 \
 && cd node_modules/better-sqlite3 && rm -rf deps src build/Release/obj build/Release/obj.target build/Release/.deps build/Release/*.a build/Release/test_extension.node
COPY tsconfig.json ./
COPY config ./config
COPY mini-app ./mini-app
COPY src ./src
COPY migrations ./migrations
# what postinstall does (dist/ from config/tsconfig.build.json: src and migrations only; mini-app/dist), then prune
RUN npm run build && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/mini-app/dist ./mini-app/dist
COPY --chown=node:node package.json tsconfig.json ./
COPY --chown=node:node config ./config
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
VOLUME ["/app/data"]
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]
