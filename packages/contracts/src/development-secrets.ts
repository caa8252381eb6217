/**
 * The secrets `npm start` and the tests use on a laptop, so nothing has to be set up first. An app
 * refuses to start with any of them (or with a secret left unset) unless DEVELOPMENT_MODE=true.
 */
export const DevelopmentSecret = {
  /** Shared by the customer service (signs tokens) and the gateway (verifies them). */
  jwt: 'pasar-development-secret-change-me-0123456789',
  providerWebhook: 'pasar-development-webhook-secret',
  /** daprd sends it to its app (APP_API_TOKEN): the app takes no call without it. */
  appApiToken: 'pasar-development-app-api-token',
  /** The app sends it to its daprd (DAPR_API_TOKEN): daprd takes no API call without it. */
  daprApiToken: 'pasar-development-dapr-api-token',
} as const;
