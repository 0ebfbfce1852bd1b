import { Table, Text } from '@mantine/core';
import type { AssignmentDto, CourseDetail } from '@bdhv/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryError } from '@/components/ui/query-error';
import { StatusBadge, type StatusTone } from '@/components/ui/status-badge';
import { TableScroll } from '@/components/ui/table-scroll';
import type { TreeOption } from '@/components/ui/tree-select';
import { formatDate } from '../utils/format';
import listClasses from '@/components/ui/list-page.module.css';
import classes from './authoring.module.css';

const tone: Record<AssignmentDto['status'], StatusTone> = { queued: 'neutral', running: 'neutral', completed: 'success', failed: 'danger' };

export interface AssignmentListProps {
  course: CourseDetail;
  assignments: UseQueryResult<AssignmentDto[]>;
  unitOptions: readonly TreeOption[];
}

/** Earlier assignments of the course, newest first, refreshed while one is still enrolling learners. */
export function AssignmentList({ assignments, unitOptions }: AssignmentListProps) {
  const { t, i18n } = useTranslation();
  if (assignments.isError) {
    return <QueryError title={t('authoring.assign.listError')} error={assignments.error} onRetry={() => void assignments.refetch()} retrying={assignments.isFetching} />;
  }
  if (!assignments.data || assignments.data.length === 0) return null;
  const unitName = (id: string) => unitOptions.find((option) => option.value === id)?.label ?? t('authoring.assign.unknownUnit');
  return (
    <TableScroll label={t('authoring.assign.listLabel')}>
      <Table striped verticalSpacing="sm" miw={640} className={classes.table}>
        <Table.Caption className={listClasses.caption}>{t('authoring.assign.listLabel')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('authoring.assign.unit')}</Table.Th>
            <Table.Th scope="col">{t('authoring.assign.audiences')}</Table.Th>
            <Table.Th scope="col">{t('authoring.assign.dueDate')}</Table.Th>
            <Table.Th scope="col">{t('authoring.assign.status')}</Table.Th>
            <Table.Th scope="col">{t('authoring.assign.enrolled')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {assignments.data.map((assignment) => (
            <Table.Tr key={assignment.id}>
              <Table.Td className={classes.wrap}>{unitName(assignment.orgUnitId)}</Table.Td>
              <Table.Td>
                {assignment.audiences.length ? assignment.audiences.map((audience) => t(`identity.audiences.${audience}`)).join(', ') : t('authoring.assign.everyone')}
              </Table.Td>
              <Table.Td>{assignment.dueAt ? formatDate(assignment.dueAt, i18n.language) : <Text span c="dimmed">{t('authoring.learners.none')}</Text>}</Table.Td>
              <Table.Td>
                <StatusBadge tone={tone[assignment.status]}>{t(`authoring.assign.statuses.${assignment.status}`)}</StatusBadge>
              </Table.Td>
              <Table.Td>{assignment.enrolled.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'vi-VN')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
