/** A valid crearCampana input (DIGITAL, 10 %, December 2026) that tests vary by name, affiliates and what they override. */
export const campanaInput = (nombre: string, afiliadoIds: string[] = [], overrides: Record<string, unknown> = {}) => ({
  nombre,
  descripcion: 'Campaña de prueba e2e',
  fechaInicio: '2026-12-01',
  fechaFin: '2026-12-31',
  presupuesto: '10000.00',
  metaConversiones: 50,
  tipo: 'DIGITAL',
  porcentajeComision: '10',
  tags: ['e2e'],
  afiliadoIds,
  ...overrides,
});
