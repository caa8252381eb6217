// Swagger UI over the document the gateway assembles. A file rather than an inline script, so the
// page's Content-Security-Policy allows scripts from this origin only.
window.addEventListener('load', () => {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    // No badge from validator.swagger.io: the page talks to this origin only.
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
