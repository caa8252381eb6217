import type { ApiDescription } from '@pasar/service-kit';

/** The email service has no HTTP API of its own: it reads order and payment events and sends mail. */
export const emailApi: ApiDescription = { title: 'email', version: '1.0.0', operations: [] };
