import { Group, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function HealthLoading() {
  const { t } = useTranslation();
  return (
    <Group gap="sm" role="status">
      <Loader size="sm" aria-hidden="true" />
      <Text>{t('health.loading')}</Text>
    </Group>
  );
}
