/** The service databases of AlpesPartner; each has its schema in prisma/<service>/schema.prisma. */
export const SERVICE_DATABASES = ['afiliados', 'conversiones', 'marketing'] as const;

export type ServiceName = (typeof SERVICE_DATABASES)[number];

export function isServiceName(value: string): value is ServiceName {
  return (SERVICE_DATABASES as readonly string[]).includes(value);
}

/** Name of the environment variable holding a service's database URL, e.g. AFILIADOS_DATABASE_URL. */
export function databaseUrlEnvName(service: ServiceName): string {
  return `${service.toUpperCase()}_DATABASE_URL`;
}
