import { Alert, Box, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { HealthResponse } from '@bdhv/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RefreshButton } from '@/components/ui/refresh-button';
import { toLocale } from '@/lib/i18n';
import { getErrorMessage } from '@/lib/error-message';
import { useHealth } from '../api/get-health';
import {
  formatDriver,
  formatDuration,
  formatLatency,
  formatTime,
  healthComponentNames,
  type HealthComponent,
  type HealthComponentName,
} from '../utils/format';
import { ComponentStatusBadge } from './component-status-badge';
import { HealthError } from './health-error';
import { HealthLoading } from './health-loading';
import { OverallStatus } from './overall-status';
import classes from './health.module.css';

export const HEALTH_REFRESH_INTERVAL_MS = 30_000;

/** Full system status: every component with driver, latency and error, plus version and uptime. */
export function HealthDetails() {
  const { t, i18n } = useTranslation();
  const locale = toLocale(i18n.language);
  const health = useHealth({ refetchInterval: HEALTH_REFRESH_INTERVAL_MS });
  // Only a refresh the user asked for shows a spinner; background polling stays quiet.
  const [refreshing, setRefreshing] = useState(false);
  const refresh = async () => {
    setRefreshing(true);
    try {
      await health.refetch();
    } finally {
      setRefreshing(false);
    }
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center" gap="sm">
        <div>
          <Text size="sm">{t('health.autoRefresh')}</Text>
          {health.dataUpdatedAt > 0 ? (
            <Text size="sm" c="dimmed">
              {t('health.lastUpdated', { time: formatTime(health.dataUpdatedAt, locale) })}
            </Text>
          ) : null}
        </div>
        <RefreshButton onClick={() => void refresh()} busy={refreshing} size="md">
          {t('health.refresh')}
        </RefreshButton>
      </Group>

      {health.isPending ? (
        <HealthLoading />
      ) : health.isError && !health.data ? (
        <HealthError error={health.error} onRetry={() => void refresh()} retrying={refreshing} />
      ) : (
        <>
          {health.isError ? (
            <Alert color="orange.9" variant="light" icon={<IconAlertTriangle aria-hidden="true" />} role="alert">
              <Text size="sm" c="gray.9">
                {t('health.refreshError')} {getErrorMessage(health.error, t)}
              </Text>
            </Alert>
          ) : null}
          <HealthReport health={health.data} locale={locale} />
        </>
      )}
    </Stack>
  );
}

function HealthReport({ health, locale }: { health: HealthResponse; locale: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <Card withBorder radius="md" padding="lg" aria-live="polite">
        <OverallStatus status={health.status} />
      </Card>

      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {healthComponentNames.map((name) => (
          <ComponentCard key={name} name={name} component={health[name]} locale={locale} />
        ))}
      </SimpleGrid>

      <Box component="dl" className={classes.facts}>
        <Card withBorder radius="md" padding="md">
          <Text component="dt" size="sm" c="dimmed">
            {t('health.version')}
          </Text>
          <Text component="dd" fw={700} size="lg" className={classes.factValue}>
            {health.version}
          </Text>
        </Card>
        <Card withBorder radius="md" padding="md">
          <Text component="dt" size="sm" c="dimmed">
            {t('health.uptime')}
          </Text>
          <Text component="dd" fw={700} size="lg" className={classes.factValue}>
            {formatDuration(health.uptimeSeconds, t)}
          </Text>
        </Card>
      </Box>
    </Stack>
  );
}

interface ComponentCardProps {
  name: HealthComponentName;
  component: HealthComponent;
  locale: string;
}

/** One server component: a region named after it, with its status and details. */
function ComponentCard({ name, component, locale }: ComponentCardProps) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <Card component="section" aria-labelledby={titleId} withBorder radius="md" padding="lg" data-component={name}>
      <Group justify="space-between" gap="xs" mb="sm">
        <Title order={2} size="h4" id={titleId}>
          {t(`health.components.${name}`)}
        </Title>
        <ComponentStatusBadge status={component.status} />
      </Group>
      <dl className={classes.detailList}>
        <div className={classes.detailRow}>
          <dt>{t('health.fields.driver')}</dt>
          <dd>{formatDriver(component.driver)}</dd>
        </div>
        <div className={classes.detailRow}>
          <dt>{t('health.fields.latency')}</dt>
          <dd>{formatLatency(component.latencyMs, locale, t)}</dd>
        </div>
        <div className={classes.detailRow}>
          <dt>{t('health.fields.details')}</dt>
          <dd className={classes.errorText}>{component.error ?? t('health.noProblems')}</dd>
        </div>
      </dl>
    </Card>
  );
}
