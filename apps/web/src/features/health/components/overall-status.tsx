import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangleFilled, IconCircleCheckFilled } from '@tabler/icons-react';
import type { HealthResponse } from '@bdhv/contracts';
import { useTranslation } from 'react-i18next';

/** One-line verdict for the whole system. */
export function OverallStatus({ status }: { status: HealthResponse['status'] }) {
  const { t } = useTranslation();
  const ok = status === 'ok';
  const Icon = ok ? IconCircleCheckFilled : IconAlertTriangleFilled;
  return (
    <Group gap="xs" wrap="nowrap" data-status={status}>
      <ThemeIcon variant="transparent" color={ok ? 'teal.9' : 'red.9'} size="md" aria-hidden="true">
        <Icon size={22} />
      </ThemeIcon>
      <Text fw={700} c={ok ? 'teal.9' : 'red.9'}>
        {t(ok ? 'health.overall.ok' : 'health.overall.error')}
      </Text>
    </Group>
  );
}
