import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';

/** The TMF error shape (`code`, `reason`, `message`, `status`) for every failure the API reports. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: unknown) => new ApiError(400, 'Bad Request', message, details);
export const notFound = (what: string) => new ApiError(404, 'Not Found', `${what} does not exist`);
export const conflict = (message: string) => new ApiError(409, 'Conflict', message);
export const unprocessable = (message: string, details?: unknown) => new ApiError(422, 'Unprocessable Entity', message, details);
export const forbidden = (message: string) => new ApiError(403, 'Forbidden', message);

export function fromZod(err: ZodError): ApiError {
  const problems = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return badRequest(problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; '), problems);
}

export const notFoundHandler: RequestHandler = (req, _res, next) => next(new ApiError(404, 'Not Found', `no route for ${req.method} ${req.path}`));

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  let e: ApiError;
  if (err instanceof ApiError) e = err;
  else if (err instanceof ZodError) e = fromZod(err);
  else if (err?.type === 'entity.parse.failed') e = badRequest(`malformed JSON: ${err.message}`);
  else if (err?.type === 'entity.too.large') e = new ApiError(413, 'Payload Too Large', `request body exceeds ${err.limit} bytes`);
  else if (err?.type === 'encoding.unsupported' || err?.type === 'charset.unsupported') e = new ApiError(415, 'Unsupported Media Type', err.message);
  else {
    req.log?.error({ err: err instanceof Error ? { message: err.message, stack: err.stack } : String(err) }, 'unhandled error');
    e = new ApiError(500, 'Internal Server Error', 'the request could not be completed');
  }
  res.status(e.status).json({
    code: String(e.status),
    reason: e.reason,
    message: e.message,
    status: String(e.status),
    ...(e.details ? { details: e.details } : {}),
    '@type': 'Error',
  });
};
