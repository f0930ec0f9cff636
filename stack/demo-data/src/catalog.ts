/** Names and words the demo dataset is made of. */
export const NOMBRES = ['Valentina', 'Santiago', 'Camila', 'Mateo', 'Isabella', 'Sebastián', 'Mariana', 'Nicolás', 'Sofía', 'Alejandro', 'Daniela', 'Samuel', 'Gabriela', 'Tomás', 'Lucía', 'Andrés', 'Paula', 'Juan Pablo', 'Manuela', 'Felipe'];
export const APELLIDOS = ['García', 'Rodríguez', 'Martínez', 'López', 'Gómez', 'Hernández', 'Díaz', 'Moreno', 'Álvarez', 'Romero', 'Vargas', 'Castro', 'Ortiz', 'Rojas', 'Jiménez', 'Restrepo', 'Cárdenas', 'Mejía'];
export const CAMPANAS = [
  { nombre: 'Black Friday 2026', tipo: 'ESTACIONAL', tags: ['blackfriday', 'promocion'] },
  { nombre: 'Cyber Monday Tecnología', tipo: 'ESTACIONAL', tags: ['cybermonday', 'tecnologia'] },
  { nombre: 'Regreso a Clases', tipo: 'PROMOCIONAL', tags: ['escolar', 'familia'] },
  { nombre: 'Navidad en Casa', tipo: 'ESTACIONAL', tags: ['navidad', 'hogar'] },
  { nombre: 'Club de Puntos Alpes', tipo: 'FIDELIZACION', tags: ['fidelizacion', 'puntos'] },
  { nombre: 'Moda Sostenible', tipo: 'DIGITAL', tags: ['moda', 'sostenible'] },
  { nombre: 'Viajes de Verano', tipo: 'PROMOCIONAL', tags: ['viajes', 'verano'] },
  { nombre: 'Fitness en Enero', tipo: 'DIGITAL', tags: ['salud', 'deporte'] },
  { nombre: 'Día de la Madre', tipo: 'ESTACIONAL', tags: ['regalos', 'mama'] },
  { nombre: 'Gamer Week', tipo: 'DIGITAL', tags: ['gaming', 'tecnologia'] },
  { nombre: 'Clientes Premium', tipo: 'FIDELIZACION', tags: ['premium', 'vip'] },
  { nombre: 'Lanzamiento App Móvil', tipo: 'DIGITAL', tags: ['app', 'descarga'] },
] as const;
export const MONEDAS = ['COP', 'COP', 'COP', 'USD', 'USD', 'MXN', 'EUR'] as const;
export const CANALES = ['instagram', 'tiktok', 'blog', 'youtube', 'newsletter', 'web'] as const;
