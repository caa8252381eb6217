# One image per service: docker build --build-arg SERVICE=catalog .
# (docker compose builds all eight; see docker-compose.yml.)
FROM node:26-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
COPY packages ./packages
COPY services ./services
RUN npm ci --omit=dev --no-fund --no-audit && npm cache clean --force
ARG SERVICE
ENV SERVICE=${SERVICE} APP_HOST=0.0.0.0 APP_PORT=3000 DAPR_HTTP_PORT=3500
USER node
# The telemetry module runs first: it wraps express, pg and mongodb as they load (packages/service-kit/README.md).
CMD ["sh", "-c", "exec node --import @pasar/service-kit/telemetry services/$SERVICE/src/main.ts"]
