import { Alert, Code, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/problem.ts';

/**
 * Shows a failed call the way NDXP errors are meant to be read: the problem's title (in the
 * language asked for, Vietnamese by default), its stable code, the detail for client errors and the
 * request id an operator can look up in the logs. `role="alert"` so screen readers announce it.
 */
export function ProblemAlert({ error, title }: { readonly error: unknown; readonly title?: string }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError)) {
    return (
      <Alert color="red" variant="light" role="alert" title={title ?? t('problem.unexpected')}>
        {error instanceof Error ? error.message : String(error)}
      </Alert>
    );
  }
  if (error.network) {
    return (
      <Alert color="red" variant="light" role="alert" title={t('problem.network')}>
        {t('problem.networkDetail')}
      </Alert>
    );
  }
  const p = error.problem;
  if (p === undefined) {
    return (
      <Alert color="red" variant="light" role="alert" title={t('problem.unexpected')}>
        <Text size="sm">{t('problem.status')}: {error.status}</Text>
      </Alert>
    );
  }
  return (
    <Alert color="red" variant="light" role="alert" title={p.title} data-problem-code={p.code}>
      <Stack gap={4}>
        {p.detail !== undefined && <Text size="sm">{p.detail}</Text>}
        {p.errors !== undefined && p.errors.length > 0 && (
          <List size="sm" aria-label={t('problem.fields')}>
            {p.errors.map((e, i) => (
              <List.Item key={i}>
                <Code>{e.in}{e.pointer}</Code> {e.message}
              </List.Item>
            ))}
          </List>
        )}
        <Text size="xs">
          {t('problem.code')}: <Code>{p.code}</Code> · {t('problem.status')}: {p.status}
          {p.request_id !== undefined && <> · {t('problem.requestId')}: <Code>{p.request_id}</Code></>}
        </Text>
      </Stack>
    </Alert>
  );
}
