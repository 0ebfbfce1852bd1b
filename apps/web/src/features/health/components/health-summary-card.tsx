import { Anchor, Box, Card, Stack, Text, Title } from '@mantine/core';
import type { HealthResponse } from '@bdhv/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useHealth } from '../api/get-health';
import { formatDriver, healthComponentNames } from '../utils/format';
import { ComponentStatusBadge } from './component-status-badge';
import { HealthError } from './health-error';
import { HealthLoading } from './health-loading';
import { OverallStatus } from './overall-status';
import classes from './health.module.css';

export interface HealthSummaryCardProps {
  /** Where "view details" links to; omitted hides the link. */
  detailsPath?: string;
}

/** Compact system status for the home page: overall verdict plus database and queue. */
export function HealthSummaryCard({ detailsPath }: HealthSummaryCardProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const health = useHealth();

  return (
    <Card component="section" aria-labelledby={titleId} withBorder radius="md" padding="lg" shadow="xs">
      <Title order={2} size="h3" id={titleId} mb="md">
        {t('health.cardTitle')}
      </Title>
      {health.isPending ? (
        <HealthLoading />
      ) : health.isError && !health.data ? (
        <HealthError error={health.error} onRetry={() => void health.refetch()} retrying={health.isFetching} />
      ) : (
        <HealthSummary health={health.data} />
      )}
      {detailsPath ? (
        <Anchor component={Link} to={detailsPath} mt="md" display="inline-block" fw={600}>
          {t('health.viewDetails')}
        </Anchor>
      ) : null}
    </Card>
  );
}

function HealthSummary({ health }: { health: HealthResponse }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <OverallStatus status={health.status} />
      <Box component="dl" className={classes.componentList}>
        {healthComponentNames.map((name) => (
          <div key={name} className={classes.componentRow} data-component={name}>
            <Text component="dt" fw={600}>
              {t(`health.components.${name}`)}
            </Text>
            <Box component="dd" className={classes.componentValue}>
              <ComponentStatusBadge status={health[name].status} />
              <Text span size="sm">
                {t('health.driver', { driver: formatDriver(health[name].driver) })}
              </Text>
            </Box>
          </div>
        ))}
      </Box>
    </Stack>
  );
}
