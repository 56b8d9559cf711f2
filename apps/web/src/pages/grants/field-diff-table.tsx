import { Code, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FieldDiff } from '../../api/types.ts';

/**
 * The fields asked for against the fields the service offers, one row per field, like a diff:
 * `+` asked (will be returned), `·` offered but not asked (data minimisation left it out). The sign
 * is also spelled out in words, so colour is never the only cue (WCAG 2.1 SC 1.4.1).
 */
export function FieldDiffTable({ diff, asked }: { readonly diff: FieldDiff; readonly asked: readonly string[] }) {
  const { t } = useTranslation();
  const granted = new Set(diff.granted);
  // A grant asking for a field the service no longer offers (should not happen: versions are immutable).
  const unknown = asked.filter((f) => !diff.service_fields.includes(f));
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table withTableBorder data-testid="field-diff">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={40}><span className="visually-hidden">±</span></Table.Th>
            <Table.Th scope="col">{t('services.field')}</Table.Th>
            <Table.Th scope="col">{t('grants.diffAsked')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {diff.service_fields.map((f) => {
            const yes = granted.has(f);
            return (
              <Table.Tr key={f} data-asked={yes} bg={yes ? 'green.0' : undefined}>
                <Table.Td aria-hidden="true"><Text ff="monospace" fw={700} c={yes ? 'green.9' : 'gray.7'}>{yes ? '+' : '·'}</Text></Table.Td>
                <Table.Td><Code>{f}</Code></Table.Td>
                <Table.Td><Text size="sm" c={yes ? 'green.9' : 'gray.7'}>{yes ? t('grants.diffYes') : t('grants.diffNo')}</Text></Table.Td>
              </Table.Tr>
            );
          })}
          {unknown.map((f) => (
            <Table.Tr key={f} bg="red.0">
              <Table.Td aria-hidden="true"><Text ff="monospace" fw={700} c="red.9">!</Text></Table.Td>
              <Table.Td><Code>{f}</Code></Table.Td>
              <Table.Td><Text size="sm" c="red.9">{t('grants.diffUnknown')}</Text></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
