import { Accordion, Badge, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { operations, type Json, type SchemaRow } from './openapi-model.ts';

const METHOD_COLOR: Readonly<Record<string, string>> = { GET: 'ndxp', POST: 'green', PUT: 'orange', PATCH: 'orange', DELETE: 'red' };

/**
 * A service's OpenAPI document rendered for people: each operation with its parameters, request
 * body and responses as tables of fields. Response fields the service declares in the catalogue
 * (its grantable fields) are marked, since those are what a grant can cover.
 */
export function OpenapiView({ doc, fields }: { readonly doc: Json; readonly fields: readonly string[] }) {
  const { t } = useTranslation();
  const ops = operations(doc);
  if (ops.length === 0) return <Text c="dimmed">{t('services.noOperations')}</Text>;
  return (
    <Accordion variant="contained" multiple defaultValue={ops.length === 1 ? ['op-0'] : []}>
      {ops.map((op, i) => (
        // Index-based values: Mantine derives element ids from them, and ids must not hold spaces.
        <Accordion.Item key={`${op.method} ${op.path}`} value={`op-${i}`}>
          <Accordion.Control>
            <Group gap="sm" wrap="nowrap">
              <Badge color={METHOD_COLOR[op.method] ?? 'gray'} variant="filled" w={70}>{op.method}</Badge>
              <Code>{op.path}</Code>
              {op.summary !== undefined && <Text size="sm" truncate>{op.summary}</Text>}
            </Group>
          </Accordion.Control>
          <Accordion.Panel>
            <Stack gap="md">
              {op.description !== undefined && <Text size="sm">{op.description}</Text>}
              {op.parameters.length > 0 && (
                <div>
                  <Title order={4} size="h6" mb={4}>{t('services.parameters')}</Title>
                  <Table.ScrollContainer minWidth={520}>
                    <Table withTableBorder>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th scope="col">{t('common.name')}</Table.Th>
                          <Table.Th scope="col">{t('services.in')}</Table.Th>
                          <Table.Th scope="col">{t('services.type')}</Table.Th>
                          <Table.Th scope="col">{t('services.description')}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {op.parameters.map((p) => (
                          <Table.Tr key={`${p.in}:${p.name}`}>
                            <Table.Td><Code>{p.name}</Code>{p.required && <Text span c="red.8" ml={4} aria-label={t('services.required')}>*</Text>}</Table.Td>
                            <Table.Td>{p.in}</Table.Td>
                            <Table.Td>{p.type}</Table.Td>
                            <Table.Td>{p.description}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                </div>
              )}
              {op.requestBody !== undefined && op.requestBody.length > 0 && (
                <div>
                  <Title order={4} size="h6" mb={4}>{t('services.requestBody')}</Title>
                  <SchemaTable rows={op.requestBody} />
                </div>
              )}
              {op.responses.map((r) => (
                <div key={r.status}>
                  <Title order={4} size="h6" mb={4}>{t('services.response', { status: r.status })}{r.description !== undefined ? ` · ${r.description}` : ''}</Title>
                  {r.schema.length > 0 && <SchemaTable rows={r.schema} granted={r.status.startsWith('2') ? fields : undefined} />}
                </div>
              ))}
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}

function SchemaTable({ rows, granted }: { readonly rows: readonly SchemaRow[]; readonly granted?: readonly string[] | undefined }) {
  const { t } = useTranslation();
  const set = new Set(granted ?? []);
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('services.field')}</Table.Th>
            <Table.Th scope="col">{t('services.type')}</Table.Th>
            <Table.Th scope="col">{t('services.description')}</Table.Th>
            {granted !== undefined && <Table.Th scope="col">{t('services.catalogueField')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.pointer}>
              <Table.Td style={{ paddingLeft: 12 + r.depth * 16 }}>
                <Code>{r.pointer}</Code>{r.required && <Text span c="red.8" ml={4} aria-label={t('services.required')}>*</Text>}
              </Table.Td>
              <Table.Td>{r.type}</Table.Td>
              <Table.Td>{r.description}</Table.Td>
              {granted !== undefined && <Table.Td>{set.has(r.pointer) ? <Badge size="sm" variant="light" color="ndxp">{t('services.declared')}</Badge> : null}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
