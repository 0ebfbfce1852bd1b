import { Alert, Card, Group, Progress, Select, Skeleton, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import type { CourseDetail, CourseEnrolmentRow, EnrolmentStatus } from '@bdhv/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { IconInfoCircle, IconUsers } from '@tabler/icons-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PaginationBar } from '@/components/ui/pagination-bar';
import { QueryError } from '@/components/ui/query-error';
import { StatusBadge, type StatusTone } from '@/components/ui/status-badge';
import { TableScroll } from '@/components/ui/table-scroll';
import type { TreeOption } from '@/components/ui/tree-select';
import { authoringQueryKeys } from '../api/keys';
import { isAssignmentActive, useAssignments } from '../api/list-assignments';
import { useCourseEnrolments } from '../api/list-course-enrolments';
import { formatDate, formatDateTime } from '../utils/format';
import { enrolmentStatusOptions, isEnrolmentStatus } from '../utils/labels';
import { AssignmentForm } from './assignment-form';
import { AssignmentList } from './assignment-list';
import listClasses from '@/components/ui/list-page.module.css';
import classes from './authoring.module.css';

export const ENROLMENTS_PAGE_SIZE = 20;

export interface CourseLearnersTabProps {
  course: CourseDetail;
  canAssign: boolean;
  unitOptions: readonly TreeOption[];
  unitOptionsLoading?: boolean;
}

const enrolmentTone: Record<EnrolmentStatus, StatusTone> = { active: 'neutral', completed: 'success', withdrawn: 'neutral' };

/** Who takes the course and how far they are; assigning the course to units for those allowed to. */
export function CourseLearnersTab({ course, canAssign, unitOptions, unitOptionsLoading }: CourseLearnersTabProps) {
  const { t } = useTranslation();
  const assignTitleId = useId();
  const queryClient = useQueryClient();
  const assignments = useAssignments(course.id, { enabled: canAssign });

  // An assignment that finished enrolling changes the learners table.
  const activeCount = assignments.data?.filter(isAssignmentActive).length ?? 0;
  const previousActive = useRef(activeCount);
  useEffect(() => {
    if (previousActive.current > 0 && activeCount < previousActive.current) {
      void queryClient.invalidateQueries({ queryKey: authoringQueryKeys.enrolmentLists(course.id) });
    }
    previousActive.current = activeCount;
  }, [activeCount, course.id, queryClient]);

  return (
    <Stack gap="xl">
      <EnrolmentsSection course={course} />
      {canAssign ? (
        <Card component="section" aria-labelledby={assignTitleId} withBorder radius="md" padding="lg">
          <Title order={2} size="h3" id={assignTitleId} mb="sm">
            {t('authoring.assign.title')}
          </Title>
          {course.status === 'published' ? (
            <Stack gap="lg">
              <Text>{t('authoring.assign.intro')}</Text>
              <AssignmentForm course={course} unitOptions={unitOptions} unitOptionsLoading={unitOptionsLoading} />
              <AssignmentList course={course} assignments={assignments} unitOptions={unitOptions} />
            </Stack>
          ) : (
            <Alert color="blue.9" variant="light" icon={<IconInfoCircle aria-hidden="true" />}>
              <Text size="sm" c="gray.9">
                {t('authoring.assign.notPublished')}
              </Text>
            </Alert>
          )}
        </Card>
      ) : null}
    </Stack>
  );
}

function EnrolmentsSection({ course }: { course: CourseDetail }) {
  const { t } = useTranslation();
  const titleId = useId();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<EnrolmentStatus | undefined>(undefined);
  const enrolments = useCourseEnrolments(course.id, { page, pageSize: ENROLMENTS_PAGE_SIZE, status });
  const requiredLessons = course.modules.flatMap((m) => m.lessons).filter((l) => l.required).length;

  return (
    <Card component="section" aria-labelledby={titleId} withBorder radius="md" padding="lg">
      <Stack gap="md">
        <Title order={2} size="h3" id={titleId}>
          {t('authoring.learners.title')}
        </Title>
        <Group>
          <Select
            label={t('authoring.learners.statusFilter')}
            placeholder={t('authoring.learners.allStatuses')}
            data={enrolmentStatusOptions(t)}
            value={status ?? null}
            onChange={(value) => {
              setStatus(isEnrolmentStatus(value) ? value : undefined);
              setPage(1);
            }}
            clearable
            clearButtonProps={{ 'aria-label': t('authoring.learners.clearStatus') }}
            w={{ base: '100%', xs: 260 }}
          />
        </Group>
        {enrolments.isError && !enrolments.data ? (
          <QueryError title={t('authoring.learners.loadError')} error={enrolments.error} onRetry={() => void enrolments.refetch()} retrying={enrolments.isFetching} />
        ) : enrolments.isPending ? (
          <div aria-busy="true">
            <VisuallyHidden role="status">{t('authoring.learners.loading')}</VisuallyHidden>
            <Stack gap="xs" aria-hidden="true">
              {Array.from({ length: 4 }, (_, index) => (
                <Skeleton key={index} height={40} radius="sm" />
              ))}
            </Stack>
          </div>
        ) : enrolments.data.total === 0 ? (
          <Stack align="center" gap="sm" py="lg" px="md" ta="center" className={classes.empty}>
            <IconUsers size={32} aria-hidden="true" />
            <Text fw={600} role="status">
              {status ? t('authoring.learners.emptyFiltered') : t('authoring.learners.empty')}
            </Text>
          </Stack>
        ) : (
          <>
            <TableScroll label={t('authoring.learners.tableLabel')}>
              <Table striped verticalSpacing="sm" miw={760} aria-busy={enrolments.isPlaceholderData} className={classes.table}>
                <Table.Caption className={listClasses.caption}>{t('authoring.learners.tableLabel')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('authoring.learners.learner')}</Table.Th>
                    <Table.Th scope="col">{t('authoring.learners.status')}</Table.Th>
                    <Table.Th scope="col">{t('authoring.learners.progress')}</Table.Th>
                    <Table.Th scope="col">{t('authoring.learners.completedLessons')}</Table.Th>
                    <Table.Th scope="col">{t('authoring.learners.dueAt')}</Table.Th>
                    <Table.Th scope="col">{t('authoring.learners.lastActivity')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {enrolments.data.items.map((row) => (
                    <EnrolmentRow key={row.id} row={row} requiredLessons={requiredLessons} />
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
            <PaginationBar
              page={enrolments.data.page}
              pageSize={enrolments.data.pageSize}
              total={enrolments.data.total}
              onChange={setPage}
              label={t('authoring.learners.pagination')}
            />
          </>
        )}
      </Stack>
    </Card>
  );
}

function EnrolmentRow({ row, requiredLessons }: { row: CourseEnrolmentRow; requiredLessons: number }) {
  const { t, i18n } = useTranslation();
  const none = <Text span c="dimmed">{t('authoring.learners.none')}</Text>;
  return (
    <Table.Tr>
      <Table.Td>
        <Text fw={600} className={classes.wrap}>
          {row.learner.fullName}
        </Text>
        <Text size="xs" c="dimmed">
          {t(`authoring.learners.source.${row.source}`)}
        </Text>
      </Table.Td>
      <Table.Td>
        <StatusBadge tone={enrolmentTone[row.status]}>{t(`authoring.enrolmentStatus.${row.status}`)}</StatusBadge>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Progress
            value={row.progressPercent}
            size="md"
            w={90}
            color={row.status === 'completed' ? 'teal.9' : 'blue.9'}
            aria-label={t('authoring.learners.progressOf', { name: row.learner.fullName })}
          />
          <Text size="sm">{row.progressPercent}%</Text>
        </Group>
      </Table.Td>
      <Table.Td>{requiredLessons > 0 ? t('authoring.learners.lessonsOf', { done: row.completedLessons, total: requiredLessons }) : row.completedLessons}</Table.Td>
      <Table.Td>{row.dueAt ? formatDate(row.dueAt, i18n.language) : none}</Table.Td>
      <Table.Td>{row.lastActivityAt ? formatDateTime(row.lastActivityAt, i18n.language) : none}</Table.Td>
    </Table.Tr>
  );
}
