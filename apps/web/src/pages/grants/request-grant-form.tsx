import { useState, type FormEvent } from 'react';
import { Autocomplete, Button, Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { endpoints } from '../../api/endpoints.ts';
import type { GrantView, ServiceView, SubsystemView } from '../../api/types.ts';
import { useApiGet } from '../../api/use-api-get.ts';
import { useApi, useSession } from '../../auth/session-context.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useAction } from '../../api/use-action.ts';

/** Purpose codes as the hub accepts them in `X-Ndxp-Purpose`. */
const PURPOSE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

function inOneYear(): string {
  const d = new Date(Date.now() + 365 * 86_400_000);
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/**
 * Ask for access to a service. No field is ticked at first: data minimisation (Decree 13/2023
 * Art. 3) means asking for what the purpose needs, and the provider sees exactly that list.
 */
export function RequestGrantForm({ service, onDone }: { readonly service: ServiceView; readonly onDone: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const { session } = useSession();
  const own = session?.user.role === 'operator' ? undefined : session?.user.member_code ?? undefined;
  const subs = useApiGet<{ items: SubsystemView[] }>(endpoints.subsystems, own === undefined ? undefined : { member: own });
  const [consumer, setConsumer] = useState<string | null>(null);
  const [fields, setFields] = useState<string[]>([]);
  const [purposes, setPurposes] = useState<string[]>([]);
  const [legalBasis, setLegalBasis] = useState('');
  const [validUntil, setValidUntil] = useState(inOneYear());
  const [quota, setQuota] = useState<number | string>(60);
  const { busy, error, run } = useAction();
  const badPurpose = purposes.find((p) => !PURPOSE.test(p));
  const ready = consumer !== null && fields.length > 0 && purposes.length > 0 && badPurpose === undefined && legalBasis.trim() !== '' && validUntil !== '' && typeof quota === 'number' && quota >= 1;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!ready) return;
    await run(async () => {
      const g = await api.post<GrantView>(endpoints.grants, {
        consumer_id: consumer,
        service_id: service.id,
        fields,
        purposes,
        legal_basis: legalBasis.trim(),
        valid_until: new Date(validUntil).toISOString(),
        quota_per_minute: quota,
      });
      onDone();
      navigate(`/grants/${encodeURIComponent(g.id)}`);
    });
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        {error !== undefined && <ProblemAlert error={error} />}
        {subs.error !== undefined && <ProblemAlert error={subs.error} />}
        <Select
          label={t('grants.consumer')}
          description={t('grants.consumerHelp')}
          required
          searchable
          data={(subs.data?.items ?? []).filter((s) => s.status === 'active').map((s) => ({ value: s.id, label: `${s.id} · ${s.name}` }))}
          value={consumer}
          onChange={setConsumer}
          data-autofocus
        />
        <Checkbox.Group label={t('grants.fieldsAsked')} description={t('grants.fieldsAskedHelp')} value={fields} onChange={setFields} required>
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing={4}>
            {service.fields.map((f) => <Checkbox key={f} value={f} label={<span className="mono">{f}</span>} />)}
          </SimpleGrid>
        </Checkbox.Group>
        <Group gap="xs">
          <Button size="compact-xs" variant="subtle" onClick={() => setFields([...service.fields])}>{t('grants.selectAll')}</Button>
          <Button size="compact-xs" variant="subtle" onClick={() => setFields([])}>{t('grants.selectNone')}</Button>
          <Text size="xs">{t('grants.fieldsCount', { count: fields.length, total: service.fields.length })}</Text>
        </Group>
        <TagsInput label={t('grants.purposes')} description={t('grants.purposesHelp')} required value={purposes} onChange={setPurposes} error={badPurpose === undefined ? undefined : t('grants.purposeRule', { purpose: badPurpose })} splitChars={[',', ' ']} />
        <Autocomplete label={t('grants.legalBasis')} description={t('grants.legalBasisHelp')} required data={service.legal_bases} value={legalBasis} onChange={setLegalBasis} />
        <Group grow align="flex-start">
          <TextInput type="datetime-local" label={t('grants.validUntil')} required value={validUntil} onChange={(e) => setValidUntil(e.currentTarget.value)} />
          <NumberInput label={t('grants.quota')} description={t('grants.quotaHelp')} required min={1} max={1_000_000} value={quota} onChange={setQuota} />
        </Group>
        <Group justify="flex-end">
          <Button type="submit" loading={busy} disabled={!ready}>{t('grants.submitRequest')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
