import { useState, type ReactNode } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from './problem-alert.tsx';
import { useAction } from '../api/use-action.ts';

export interface ConfirmActionProps {
  /** Label of the button that opens the dialog, and of the dialog's confirm button. */
  readonly label: string;
  readonly title: string;
  readonly message: ReactNode;
  /** Ask for an optional note, recorded with the action (e.g. why a grant was revoked). */
  readonly withNote?: boolean;
  readonly color?: ButtonProps['color'];
  readonly variant?: ButtonProps['variant'];
  readonly size?: ButtonProps['size'];
  /** Runs on confirm; a rejection is shown in the dialog, which stays open. */
  readonly onConfirm: (note: string | undefined) => Promise<void>;
}

/**
 * A button whose action needs confirming first (revoking a grant, retiring a key, disabling a
 * subsystem). The dialog traps focus and returns it to the button (Mantine Modal), and states
 * exactly what will happen.
 */
export function ConfirmAction({ label, title, message, withNote = false, color, variant = 'filled', size = 'xs', onConfirm }: ConfirmActionProps) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const [note, setNote] = useState('');
  const { busy, error, run } = useAction();

  async function confirm() {
    await run(async () => {
      await onConfirm(note.trim() === '' ? undefined : note.trim());
      close();
      setNote('');
    });
  }

  return (
    <>
      <Button size={size} color={color} variant={variant} onClick={open}>{label}</Button>
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={opened} onClose={close} title={title} centered>
        <Stack gap="sm">
          <Text size="sm" component="div">{message}</Text>
          {withNote && <Textarea label={t('common.note')} description={t('common.noteHelp')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={500} autosize minRows={2} />}
          {error !== undefined && <ProblemAlert error={error} />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close} disabled={busy}>{t('common.cancel')}</Button>
            <Button color={color} loading={busy} onClick={() => void confirm()}>{label}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
