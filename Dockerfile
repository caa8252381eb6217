# One image per service: docker build --build-arg SERVICE=catalog .
# (docker compose builds all eight; see docker-compose.yml.)

# The storefront the gateway serves at /, built as npm start builds it (Vite is a dev dependency).
FROM node:26-bookworm-slim AS storefront
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages ./packages
COPY services ./services
COPY web ./web
COPY scripts/run/build-storefront.ts ./scripts/run/
RUN npm ci --no-fund --no-audit && node scripts/run/build-storefront.ts

FROM node:26-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
COPY packages ./packages
COPY services ./services
COPY web ./web
COPY --from=storefront /app/web/dist ./web/dist
RUN npm ci --omit=dev --no-fund --no-audit && npm cache clean --force
ARG SERVICE
ENV SERVICE=${SERVICE} APP_HOST=0.0.0.0 APP_PORT=3000 DAPR_HTTP_PORT=3500
USER node
CMD ["sh", "-c", "exec node services/$SERVICE/src/main.ts"]
