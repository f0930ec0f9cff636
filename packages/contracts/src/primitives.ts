import { z } from 'zod';

/** Shared field schemas: decimals travel as strings, dates as ISO strings. */
export const uuid = z.uuid();
export const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal string such as "120.50"');
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
export const isoDateTime = z.iso.datetime({ offset: true });
/** W3C Trace Context `traceparent` (version 00): trace id, parent span id, flags. */
export const traceparent = z.string().regex(/^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/, 'must be a W3C traceparent such as 00-<32 hex>-<16 hex>-01');
export const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code');

export const tipoAfiliacion = z.enum(['STANDARD', 'PREMIUM']);
export const estadoAfiliado = z.enum(['ACTIVO', 'SUSPENDIDO']);
export const tipoCampana = z.enum(['DIGITAL', 'PROMOCIONAL', 'FIDELIZACION', 'ESTACIONAL']);
export const estadoCampana = z.enum(['DRAFT', 'ACTIVE', 'PAUSED', 'COMPLETED']);
export const estadoComision = z.enum(['CALCULADA', 'APROBADA', 'PAGADA', 'RECHAZADA']);
export const tipoConversion = z.enum(['VENTA', 'LEAD', 'CLIC']);
