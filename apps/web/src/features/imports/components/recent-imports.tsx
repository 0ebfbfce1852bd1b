import { Badge, Stack, Table, Text, Title } from '@mantine/core';
import type { ImportJob } from '@bdhv/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { TableScroll } from '@/components/ui/table-scroll';
import { toLocale } from '@/lib/i18n';
import { useImports } from '../api/list-imports';
import { ReportLink } from './report-link';

const statusColor: Record<ImportJob['status'], string> = { queued: 'gray.8', running: 'blue.9', completed: 'teal.9', failed: 'red.9' };

/** The latest imports, with their outcome and the rejected-rows report where there is one. */
export function RecentImports() {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const imports = useImports(1, 10);
  const locale = toLocale(i18n.language);
  const n = (value: number) => value.toLocaleString(locale);

  return (
    <Stack component="section" aria-labelledby={titleId} gap="sm">
      <Title order={2} size="h3" id={titleId}>
        {t('imports.recent.title')}
      </Title>
      {imports.isPending ? (
        <PageLoader label={t('imports.recent.loading')} />
      ) : imports.isError ? (
        <QueryError title={t('imports.recent.loadError')} error={imports.error} onRetry={() => void imports.refetch()} retrying={imports.isFetching} />
      ) : imports.data.items.length === 0 ? (
        <Text>{t('imports.recent.empty')}</Text>
      ) : (
        <TableScroll label={t('imports.recent.tableLabel')}>
          <Table verticalSpacing="sm" miw={720} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('imports.recent.file')}</Table.Th>
                <Table.Th scope="col">{t('imports.recent.startedAt')}</Table.Th>
                <Table.Th scope="col">{t('imports.recent.status')}</Table.Th>
                <Table.Th scope="col">{t('imports.counts.processed')}</Table.Th>
                <Table.Th scope="col">{t('imports.recent.outcome')}</Table.Th>
                <Table.Th scope="col">{t('imports.recent.report')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {imports.data.items.map((job) => (
                <Table.Tr key={job.id}>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{job.fileName}</Table.Td>
                  <Table.Td>{new Date(job.createdAt).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' })}</Table.Td>
                  <Table.Td>
                    <Badge color={statusColor[job.status]} variant="outline" radius="sm" tt="none">
                      {t(`imports.status.${job.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{t('imports.progress.processedOf', { processed: n(job.processedRows), total: n(job.totalRows) })}</Table.Td>
                  <Table.Td>
                    {t('imports.recent.outcomeCounts', { created: n(job.created), updated: n(job.updated), rejected: n(job.rejected) })}
                  </Table.Td>
                  <Table.Td>
                    {job.status === 'completed' && job.rejected > 0 ? (
                      <ReportLink jobId={job.id} fileName={job.fileName} ariaLabel={t('imports.recent.reportFor', { fileName: job.fileName })}>
                        {t('imports.recent.reportShort')}
                      </ReportLink>
                    ) : (
                      <Text span c="dimmed">
                        {t('imports.recent.noReport')}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Stack>
  );
}
