# One image per service: docker build --build-arg SERVICE=catalog .   (docker compose builds all eight;
# see docker-compose.yml). NODE_IMAGE: any image with Node >= 26 and npm, a user "node" and a shell
# (CI builds on its own, pasar-ci/node: scripts/docker/images.sh). Works with the legacy builder.
# Node runs the TypeScript itself (type stripping): no TypeScript toolchain, no build step.
ARG NODE_IMAGE=node:26-bookworm-slim

# The storefront the gateway serves at /, built as npm start builds it (Vite is a dev dependency).
# It does not depend on SERVICE, so the eight builds share this stage.
FROM ${NODE_IMAGE} AS storefront
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages ./packages
COPY services ./services
COPY web ./web
COPY scripts/run/build-storefront.ts ./scripts/run/
RUN npm ci --no-fund --no-audit --loglevel=error && node scripts/run/build-storefront.ts

# Only the workspaces' package.json files: the dependencies below are installed again only when one changes.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /app
COPY packages ./packages
COPY services ./services
COPY web/package.json ./web/
RUN find packages services -type f ! -name package.json -delete

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=manifests /app ./
ARG SERVICE
# Only this service's production dependencies (and the workspace packages it uses).
RUN test -f "services/${SERVICE}/package.json" || { echo "build with --build-arg SERVICE=<a folder of services/>" >&2; exit 1; } \
  && npm ci --omit=dev --no-fund --no-audit --loglevel=error --workspace "services/${SERVICE}"
COPY packages ./packages
COPY services/${SERVICE} ./services/${SERVICE}
# Then the other services, the tests and the test helpers go.
RUN find services -mindepth 1 -maxdepth 1 ! -name "${SERVICE}" -exec rm -rf {} + \
  && rm -rf packages/testing packages/*/test "services/${SERVICE}/test" \
  && find node_modules -xtype l -delete

FROM ${NODE_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app ./
COPY --from=storefront /app/web/dist ./web/dist
ARG SERVICE
ENV SERVICE=${SERVICE} APP_HOST=0.0.0.0 APP_PORT=3000 DAPR_HTTP_PORT=3500
USER node
# The telemetry module runs first: it wraps express, pg and mongodb as they load (packages/service-kit/README.md).
CMD ["sh", "-c", "exec node --import @pasar/service-kit/telemetry services/$SERVICE/src/main.ts"]
