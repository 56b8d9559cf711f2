import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DataClass, GrantState, ServiceStatus } from '../api/types.ts';

const DATA_CLASS_COLOR: Readonly<Record<DataClass, string>> = { open: 'green', shared: 'ndxp', private: 'red' };
const GRANT_STATE_COLOR: Readonly<Record<GrantState, string>> = { requested: 'orange', approved: 'ndxp', active: 'green', rejected: 'gray', revoked: 'red' };
const SERVICE_STATUS_COLOR: Readonly<Record<ServiceStatus, string>> = { active: 'green', deprecated: 'orange', disabled: 'gray' };

/** Data class under the Data Law 2024 (open / shared / private). */
export function DataClassBadge({ value }: { readonly value: DataClass }) {
  const { t } = useTranslation();
  return <Badge color={DATA_CLASS_COLOR[value]} variant="light">{t(`dataClass.${value}`)}</Badge>;
}

export function GrantStateBadge({ value }: { readonly value: GrantState }) {
  const { t } = useTranslation();
  return <Badge color={GRANT_STATE_COLOR[value]} variant="light" data-state={value}>{t(`grantState.${value}`)}</Badge>;
}

export function ServiceStatusBadge({ value }: { readonly value: ServiceStatus }) {
  const { t } = useTranslation();
  return <Badge color={SERVICE_STATUS_COLOR[value]} variant="outline">{t(`serviceStatus.${value}`)}</Badge>;
}
