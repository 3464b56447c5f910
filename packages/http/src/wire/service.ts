import { API_VERSION, type ErrorResponse, type HealthResponse, type ProbeResponse, SERVICE_NAME } from '@bcd-api/contract';
import type { ApiError } from '../errors/api-error.js';
import { errorDescriptor } from '../errors/error-codes.js';
import type { ModelStatus } from '../model-state.js';

/** Body of `GET /health`: the service, the contract's version, and where the model stands. */
export function toHealthResponse(modelStatus: ModelStatus): HealthResponse {
  return {
    status: modelStatus === 'loaded' ? 'healthy' : 'unhealthy',
    service: SERVICE_NAME,
    version: API_VERSION,
    model_status: modelStatus,
  };
}

/** Body of `GET /health/live`: the process answers. */
export function toLivenessResponse(): ProbeResponse {
  return { status: 'ok' };
}

/** Body of `GET /health/ready`: ready, or not and why (`reason`, a sentence). */
export function toReadinessResponse(reason: string | undefined): ProbeResponse {
  return reason ? { status: 'not_ready', detail: reason } : { status: 'ready' };
}

/** Body of every error response (RFC 9457 fields beside the original's `detail`), its title from the code's descriptor. */
export function toErrorResponse(error: ApiError): ErrorResponse {
  return { detail: error.message, code: error.code, status: error.status, title: errorDescriptor(error.code).title };
}
