export const openApiDocument = { openapi: '3.0.3', info: { title: 'Production Dispatch API', version: '0.1.0' }, paths: {} };
