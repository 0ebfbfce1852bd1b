import { ActionIcon, Box, Button, Code, Group, Select, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { auditActionSchema, type AuditEntry } from '@bdhv/contracts';
import { IconChevronDown, IconChevronRight, IconFilterOff, IconHistory } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUrlFilters } from '@/lib/use-url-filters';
import { PaginationBar } from '@/components/ui/pagination-bar';
import { QueryError } from '@/components/ui/query-error';
import { TableScroll } from '@/components/ui/table-scroll';
import { toLocale } from '@/lib/i18n';
import { useAuditLog } from '../api/list-audit';
import { auditParamsFromSearch, isAuditAction } from '../utils/list-params';
import listClasses from '@/components/ui/list-page.module.css';
import classes from './audit.module.css';

/** The audit log with filters in the address (?action=&from=&to=&page=). */
export function AuditLog() {
  const { t } = useTranslation();
  const [searchParams, update] = useUrlFilters<'action' | 'from' | 'to'>();
  const action = searchParams.get('action');
  const from = searchParams.get('from');
  const to = searchParams.get('to');
  const params = auditParamsFromSearch(searchParams);
  const audit = useAuditLog(params);
  const rangeInvalid = !!from && !!to && from > to;

  const hasFilters = !!(action || from || to);

  return (
    <Stack gap="md">
      <form role="search" aria-label={t('audit.filtersLabel')} className={listClasses.filters} onSubmit={(event) => event.preventDefault()}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Select
            label={t('audit.fields.action')}
            placeholder={t('audit.allActions')}
            data={auditActionSchema.options.map((value) => ({ value, label: t(`audit.actions.${value}`) }))}
            value={isAuditAction(action) ? action : null}
            onChange={(value) => update({ action: value })}
            searchable
            clearable
            clearButtonProps={{ 'aria-label': t('audit.clearAction') }}
            nothingFoundMessage={t('common.noMatches')}
          />
          <TextInput
            type="date"
            label={t('audit.fields.from')}
            value={from ?? ''}
            max={to ?? undefined}
            onChange={(event) => update({ from: event.currentTarget.value || null })}
          />
          <TextInput
            type="date"
            label={t('audit.fields.to')}
            value={to ?? ''}
            min={from ?? undefined}
            onChange={(event) => update({ to: event.currentTarget.value || null })}
            error={rangeInvalid ? t('audit.rangeInvalid') : undefined}
          />
        </SimpleGrid>
        {hasFilters ? (
          <Group mt="sm">
            <Button
              variant="subtle"
              size="compact-md"
              leftSection={<IconFilterOff size={16} aria-hidden="true" />}
              onClick={() => update({ action: null, from: null, to: null })}
            >
              {t('audit.clearFilters')}
            </Button>
          </Group>
        ) : null}
      </form>

      {audit.isError && !audit.data ? (
        <QueryError title={t('audit.loadError')} error={audit.error} onRetry={() => void audit.refetch()} retrying={audit.isFetching} />
      ) : audit.isPending ? (
        <div aria-busy="true">
          <VisuallyHidden role="status">{t('audit.loading')}</VisuallyHidden>
          <Stack gap="xs" aria-hidden="true">
            {Array.from({ length: 6 }, (_, index) => (
              <Skeleton key={index} height={40} radius="sm" />
            ))}
          </Stack>
        </div>
      ) : audit.data.total === 0 ? (
        <Stack align="center" gap="sm" py="xl" className={classes.empty}>
          <IconHistory size={40} aria-hidden="true" />
          <Text fw={600} role="status">
            {hasFilters ? t('audit.emptyFiltered') : t('audit.empty')}
          </Text>
        </Stack>
      ) : (
        <>
          {audit.isError ? (
            <QueryError title={t('audit.loadError')} error={audit.error} onRetry={() => void audit.refetch()} retrying={audit.isFetching} />
          ) : null}
          <AuditTable entries={audit.data.items} busy={audit.isPlaceholderData} />
          <PaginationBar
            page={audit.data.page}
            pageSize={audit.data.pageSize}
            total={audit.data.total}
            onChange={(next) => update({ page: next > 1 ? String(next) : null })}
            label={t('audit.pagination')}
          />
        </>
      )}
    </Stack>
  );
}

function AuditTable({ entries, busy }: { entries: AuditEntry[]; busy: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = toLocale(i18n.language);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <TableScroll label={t('audit.tableLabel')}>
      <Table verticalSpacing="sm" miw={760} aria-busy={busy} className={classes.table}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">
              <VisuallyHidden>{t('audit.details')}</VisuallyHidden>
            </Table.Th>
            <Table.Th scope="col">{t('audit.fields.at')}</Table.Th>
            <Table.Th scope="col">{t('audit.fields.actor')}</Table.Th>
            <Table.Th scope="col">{t('audit.fields.action')}</Table.Th>
            <Table.Th scope="col">{t('audit.fields.summary')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => {
            const expanded = open.has(entry.id);
            const detailsId = `audit-details-${entry.id}`;
            return (
              <Fragment key={entry.id}>
                <Table.Tr>
                  <Table.Td w={48}>
                    <ActionIcon
                      variant="subtle"
                      color="gray.9"
                      aria-expanded={expanded}
                      aria-controls={expanded ? detailsId : undefined}
                      aria-label={t(expanded ? 'audit.hideDetails' : 'audit.showDetails', { summary: entry.summary })}
                      onClick={() => toggle(entry.id)}
                    >
                      {expanded ? <IconChevronDown size={18} aria-hidden="true" /> : <IconChevronRight size={18} aria-hidden="true" />}
                    </ActionIcon>
                  </Table.Td>
                  <Table.Td>
                    <time dateTime={entry.at}>{new Date(entry.at).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'medium' })}</time>
                  </Table.Td>
                  <Table.Td>{entry.actor?.fullName ?? t('audit.system')}</Table.Td>
                  <Table.Td>{t(`audit.actions.${entry.action}`)}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{entry.summary}</Table.Td>
                </Table.Tr>
                {expanded ? (
                  <Table.Tr id={detailsId}>
                    <Table.Td colSpan={5}>
                      <AuditDetails entry={entry} />
                    </Table.Td>
                  </Table.Tr>
                ) : null}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

function AuditDetails({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const details = entry.details ? Object.entries(entry.details) : [];
  const format = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return (
    <Box component="dl" className={classes.details}>
      <div>
        <dt>{t('audit.fields.target')}</dt>
        <dd>{entry.targetType ? `${entry.targetType}${entry.targetId ? ` · ${entry.targetId}` : ''}` : t('audit.none')}</dd>
      </div>
      <div>
        <dt>{t('audit.fields.ip')}</dt>
        <dd>{entry.ip ?? t('audit.none')}</dd>
      </div>
      {details.map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>
            <Code block={typeof value === 'object' && value !== null}>{format(value)}</Code>
          </dd>
        </div>
      ))}
    </Box>
  );
}
