# Image for the hub's own processes: api, relay, router, worker and the one-shot migrate.
# docker-compose.yml builds it once and picks the process with `command`. Not needed for
# `npm start`, which runs the same processes on the host with no Docker at all.
FROM node:20-bookworm-slim

# Prisma's CLI probes libssl at start-up (and warns without it); ca-certificates for npm over TLS.
RUN apt-get update \
 && apt-get install -y --no-install-recommends openssl ca-certificates \
 && rm -rf /var/lib/apt/lists/*

# The repo pins npm 11 (package.json "packageManager"). npm 11 honours the "allowScripts" list
# in package.json, so the same install scripts run (or are held back) here as on the build machine.
RUN npm install -g npm@11.19.1 && npm cache clean --force
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

WORKDIR /app
RUN chown node:node /app
USER node

# Only tracked sources are copied, named one by one: the host's node_modules, .hub (local stack
# state) and .git never enter the image, even without a .dockerignore.
COPY --chown=node:node package.json package-lock.json tsconfig.json prisma.config.ts ./
COPY --chown=node:node patches ./patches
COPY --chown=node:node prisma ./prisma
COPY --chown=node:node packages ./packages
COPY --chown=node:node workflows ./workflows
COPY --chown=node:node services ./services
COPY --chown=node:node seeds ./seeds
COPY --chown=node:node test ./test

# Drop any workspace node_modules that came along from a developer's tree,
# then install exactly the lockfile and apply the pg adapter patch (Prisma runs migrations only).
RUN find . -name node_modules -type d -prune -exec rm -rf {} + \
 && npm ci \
 && npx patch-package

# The worker caches its workflow bundle under .hub/cache (relative to the working directory).
RUN mkdir -p .hub/cache

CMD ["npx", "tsx", "services/api/src/main.ts"]
