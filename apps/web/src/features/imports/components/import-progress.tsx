import { Alert, Box, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import type { ImportJob } from '@bdhv/contracts';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { toLocale } from '@/lib/i18n';
import { isImportActive } from '../api/keys';
import { ReportLink } from './report-link';
import classes from './imports.module.css';

export function progressPercent(job: ImportJob): number {
  if (job.status === 'completed') return 100;
  if (job.totalRows <= 0) return 0;
  return Math.min(100, Math.round((job.processedRows / job.totalRows) * 100));
}

/** One import's progress: a labelled progress bar, the counts, then a summary with the report link. */
export function ImportProgress({ job }: { job: ImportJob }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const locale = toLocale(i18n.language);
  const n = (value: number) => value.toLocaleString(locale);
  const percent = progressPercent(job);
  const active = isImportActive(job);
  const processed = t('imports.progress.processedOf', { processed: n(job.processedRows), total: n(job.totalRows) });

  return (
    <Card component="section" aria-labelledby={titleId} withBorder radius="md" padding="lg">
      <Stack gap="md">
        <div>
          <Title order={2} size="h3" id={titleId}>
            {t('imports.progress.title')}
          </Title>
          <Text size="sm" className={classes.fileName}>
            {job.fileName}
          </Text>
        </div>
        {/* Announced when the state changes, not on every count. */}
        <Text fw={600} role="status">
          {t(`imports.status.${job.status}`)}
        </Text>
        <Progress.Root
          size="xl"
          radius="md"
          role="progressbar"
          aria-label={t('imports.progress.label')}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={`${processed} (${percent}%)`}
        >
          <Progress.Section
            value={percent}
            withAria={false}
            color={job.status === 'failed' ? 'red.9' : job.status === 'completed' ? 'teal.9' : 'blue.9'}
            striped={active}
            animated={active}
          />
        </Progress.Root>
        <Box component="dl" className={classes.counts}>
          <div>
            <dt>{t('imports.counts.processed')}</dt>
            <dd data-count="processed">{processed}</dd>
          </div>
          <div>
            <dt>{t('imports.counts.created')}</dt>
            <dd data-count="created">{n(job.created)}</dd>
          </div>
          <div>
            <dt>{t('imports.counts.updated')}</dt>
            <dd data-count="updated">{n(job.updated)}</dd>
          </div>
          <div>
            <dt>{t('imports.counts.rejected')}</dt>
            <dd data-count="rejected">{n(job.rejected)}</dd>
          </div>
        </Box>
        {job.status === 'completed' ? (
          <Alert
            color={job.rejected > 0 ? 'orange.9' : 'teal.9'}
            variant="light"
            icon={job.rejected > 0 ? <IconAlertTriangle aria-hidden="true" /> : <IconCircleCheck aria-hidden="true" />}
            title={t('imports.summary.title')}
            styles={{ title: { color: 'var(--mantine-color-gray-9)' } }}
          >
            <Stack gap="xs">
              <Text size="sm" c="gray.9">
                {t('imports.summary.body', { created: n(job.created), updated: n(job.updated), rejected: n(job.rejected) })}
              </Text>
              {job.rejected > 0 ? (
                <Group>
                  <ReportLink jobId={job.id} fileName={job.fileName}>
                    {t('imports.report.link')}
                  </ReportLink>
                </Group>
              ) : null}
            </Stack>
          </Alert>
        ) : null}
        {job.status === 'failed' ? (
          <Alert
            color="red.9"
            variant="light"
            icon={<IconAlertTriangle aria-hidden="true" />}
            title={t('imports.summary.failedTitle')}
            styles={{ title: { color: 'var(--mantine-color-gray-9)' } }}
          >
            <Text size="sm" c="gray.9">
              {job.error || t('imports.summary.failedBody')}
            </Text>
          </Alert>
        ) : null}
      </Stack>
    </Card>
  );
}
