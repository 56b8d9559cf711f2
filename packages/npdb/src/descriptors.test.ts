import { describe, expect, it } from 'vitest';
import { npdbOpenApiDocument } from './http/openapi-document.ts';
import { npdbServiceDescriptors } from './descriptors.ts';
import { NPDB_CITIZEN_FIELDS } from './fields/citizen-fields.ts';

interface Operation { responses: Record<string, { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }>; parameters?: { name: string; in: string }[] }

describe('OpenAPI document and service descriptors', async () => {
  const doc = (await npdbOpenApiDocument()) as { openapi: string; paths: Record<string, Record<string, Operation>> };

  it('is OpenAPI 3.1 with every /v1 route and neither health nor the document itself', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(['/v1/changes', '/v1/citizens/verify', '/v1/citizens/verify-batch', '/v1/citizens/{personal_id}', '/v1/citizens/{personal_id}/documents', '/v1/households/{household_id}']);
  });

  it('describes each service at a path and method of the document, with fields it really returns', () => {
    for (const d of npdbServiceDescriptors()) {
      const op = doc.paths[d.path]?.[d.method.toLowerCase()];
      expect(op, `${d.method} ${d.path}`).toBeDefined();
      const ok = op?.responses['200'] ?? op?.responses['201'];
      const props = Object.keys(ok?.content?.['application/json']?.schema?.properties ?? {});
      for (const f of d.fields) expect(props, `${d.code} ${f}`).toContain(f.slice(1));
      if (d.subject?.in === 'path') expect(op?.parameters?.map((p) => p.name)).toContain(d.subject.name);
      expect(d.legalBases.length).toBeGreaterThan(0);
      expect(d.title.vi).not.toBe(d.title.en);
    }
    const lookup = npdbServiceDescriptors().find((d) => d.code === 'citizen-lookup');
    expect(lookup?.fields).toEqual(NPDB_CITIZEN_FIELDS);
  });

  it('documents the problem codes of bad input', () => {
    const verify = doc.paths['/v1/citizens/verify']?.['post'];
    expect(Object.keys(verify?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '404', '413', '415']));
    expect(JSON.stringify(verify)).toContain('PERSONAL_ID_MALFORMED');
  });
});
