import { npdbOpenApiDocument, npdbServiceDescriptors } from '@ndxp/npdb';
import type { ServiceRegistration } from './ensure.ts';

/** The NPDB's member and subsystem on the hub (Bộ Công an, the population database). */
export const NPDB_SUBSYSTEM = 'BCA/npdb';

/**
 * Catalogue registrations for every NPDB service, from the NPDB's own descriptors and OpenAPI
 * document, each service carrying only its own operation (plus the shared components).
 */
export async function npdbRegistrations(): Promise<ServiceRegistration[]> {
  const full = await npdbOpenApiDocument();
  const paths = (full['paths'] ?? {}) as Record<string, Record<string, unknown>>;
  return npdbServiceDescriptors().map((d) => {
    const method = d.method.toLowerCase();
    const operation = paths[d.path]?.[method];
    return {
      subsystem_id: NPDB_SUBSYSTEM,
      code: d.code,
      version: d.version,
      title: d.title.vi,
      title_en: d.title.en,
      description: `${d.method} ${d.path}`,
      openapi: { ...full, paths: operation === undefined ? {} : { [d.path]: { [method]: operation } } },
      fields: [...d.fields],
      data_class: d.dataClass,
      subject_locator: d.subject,
      legal_bases: [...d.legalBases],
    };
  });
}
