# One image for every service; the container's command picks the service:
#   node services/<name>/dist/main.js
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY libs libs
COPY services services
COPY proto proto
COPY scripts scripts
COPY turbo.json tsconfig.base.json ./
RUN npm ci --no-audit --no-fund && npx turbo run build && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production ONEWINDOW_ENV=production
WORKDIR /app
COPY --from=build /app /app
USER node
EXPOSE 8080 50051
CMD ["node", "services/gateway/dist/main.js"]
