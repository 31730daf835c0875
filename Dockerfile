# planbot: the WeCom service. Build: docker build -t planbot .   Run: docker compose up -d (see docker-compose.yml)

# Builder: full install (tsc and esbuild are devDependencies), compile to dist/ and bundle the app into dist/app/.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No scripts yet: `prepare` would build before the sources are here. better-sqlite3's native binary comes next.
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/bundle-app.ts ./scripts/
COPY src ./src
RUN npm run build

# Runtime: production dependencies only, compiled code, the plans; runs as the unprivileged "node" user.
FROM node:20-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    PLANBOT_KNOWLEDGE=/app/knowledge \
    PLANBOT_DB=/app/data/planbot.sqlite
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` needs tsc, which --omit=dev leaves out (dist/ comes from the builder instead).
RUN npm ci --omit=dev --ignore-scripts && npm rebuild better-sqlite3 && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY knowledge ./knowledge
# The dashboard serves its styles and scripts from the source tree.
COPY src/dashboard/static ./src/dashboard/static
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# What `npm start` runs once built (its prestart would rebuild with tsc, which is not in this image).
CMD ["node", "dist/app/planbot.js", "serve"]
