import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface ConfirmDialogProps {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** Shows a spinner on the confirm button and blocks closing while the action runs. */
  pending?: boolean;
  /** Red for destructive actions. */
  danger?: boolean;
  /** Whether closing puts focus back on the control that opened the dialog (default). */
  returnFocus?: boolean;
}

/** Asks before an action that is hard to undo. Focus starts on "Cancel", the safe choice. */
export function ConfirmDialog({ opened, title, children, confirmLabel, onConfirm, onCancel, pending = false, danger = false, returnFocus = true }: ConfirmDialogProps) {
  const { t, i18n } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={() => {
        if (!pending) onCancel();
      }}
      title={title}
      centered
      returnFocus={returnFocus}
      lang={i18n.language}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="md">
        {typeof children === 'string' ? <Text>{children}</Text> : children}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={pending} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color={danger ? 'red.9' : undefined} onClick={onConfirm} loading={pending}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
