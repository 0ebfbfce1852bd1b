import { Anchor, Button, Group, Select, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import type { CourseSummary } from '@bdhv/contracts';
import { IconBooks, IconFilterOff, IconPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PaginationBar } from '@/components/ui/pagination-bar';
import { QueryError } from '@/components/ui/query-error';
import { TableScroll } from '@/components/ui/table-scroll';
import { useUrlFilters, useUrlSearch } from '@/lib/use-url-filters';
import { useMyCourses } from '../api/list-my-courses';
import { formatDate } from '../utils/format';
import { courseStatusOptions } from '../utils/labels';
import { myCoursesParamsFromSearch } from '../utils/list-params';
import { CourseStatusBadge } from './course-status-badge';
import listClasses from '@/components/ui/list-page.module.css';
import classes from './authoring.module.css';

/** Wait for a pause in typing before asking the server. */
export const COURSE_SEARCH_DEBOUNCE_MS = 350;

export interface MyCoursesListProps {
  courseHref: (id: string) => string;
  createHref: string;
}

const FILTER_KEYS = ['q', 'status'] as const;

function useListParams() {
  const [searchParams, update] = useUrlFilters<(typeof FILTER_KEYS)[number]>();
  const params = myCoursesParamsFromSearch(searchParams);
  const hasFilters = FILTER_KEYS.some((key) => searchParams.get(key));
  return { params, update, hasFilters };
}

/** The trainer's courses (all courses for administrators): search, status filter, pages. */
export function MyCoursesList({ courseHref, createHref }: MyCoursesListProps) {
  const { t } = useTranslation();
  const { params, update, hasFilters } = useListParams();
  const { search, setSearch, submit: submitSearch } = useUrlSearch(params.q, (q) => update({ q }), COURSE_SEARCH_DEBOUNCE_MS);
  const courses = useMyCourses(params);


  const clearFilters = () => {
    setSearch('');
    update({ q: null, status: null });
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" gap="sm">
        <Text fw={600}>{t('authoring.list.intro')}</Text>
        <Button component={Link} to={createHref} leftSection={<IconPlus size={18} aria-hidden="true" />}>
          {t('authoring.list.create')}
        </Button>
      </Group>

      <form role="search" aria-label={t('authoring.list.filtersLabel')} className={listClasses.filters} onSubmit={submitSearch}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              type="search"
              label={t('authoring.list.search')}
              placeholder={t('authoring.list.searchPlaceholder')}
              leftSection={<IconSearch size={18} aria-hidden="true" />}
              value={search}
              onChange={(event) => setSearch(event.currentTarget.value)}
              autoComplete="off"
            />
            <Select
              label={t('authoring.fields.status')}
              placeholder={t('authoring.list.allStatuses')}
              data={courseStatusOptions(t)}
              value={params.status ?? null}
              onChange={(value) => update({ status: value })}
              clearable
              clearButtonProps={{ 'aria-label': t('authoring.list.clearStatus') }}
            />
          </SimpleGrid>
          {hasFilters ? (
            <Group>
              <Button variant="subtle" size="compact-md" leftSection={<IconFilterOff size={16} aria-hidden="true" />} onClick={clearFilters}>
                {t('authoring.list.clearFilters')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>

      {courses.isError && !courses.data ? (
        <QueryError title={t('authoring.list.loadError')} error={courses.error} onRetry={() => void courses.refetch()} retrying={courses.isFetching} />
      ) : courses.isPending ? (
        <ListSkeleton />
      ) : courses.data.total === 0 ? (
        <Stack align="center" gap="sm" py="xl" px="md" ta="center" className={classes.empty}>
          <IconBooks size={40} aria-hidden="true" />
          <Text fw={600} role="status">
            {hasFilters ? t('authoring.list.emptyFiltered') : t('authoring.list.empty')}
          </Text>
          {hasFilters ? (
            <Button variant="default" onClick={clearFilters}>
              {t('authoring.list.clearFilters')}
            </Button>
          ) : (
            <Text size="sm">{t('authoring.list.emptyHint')}</Text>
          )}
        </Stack>
      ) : (
        <>
          {courses.isError ? (
            <QueryError title={t('authoring.list.loadError')} error={courses.error} onRetry={() => void courses.refetch()} retrying={courses.isFetching} />
          ) : null}
          <TableScroll label={t('authoring.list.tableLabel')}>
            <Table striped highlightOnHover verticalSpacing="sm" miw={640} aria-busy={courses.isPlaceholderData} className={classes.table}>
              <Table.Caption className={listClasses.caption}>{t('authoring.list.tableLabel')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('authoring.fields.title')}</Table.Th>
                  <Table.Th scope="col">{t('authoring.fields.status')}</Table.Th>
                  <Table.Th scope="col">{t('authoring.list.updatedAt')}</Table.Th>
                  <Table.Th scope="col">{t('authoring.list.publishedAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {courses.data.items.map((course) => (
                  <CourseRow key={course.id} course={course} href={courseHref(course.id)} />
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
          <PaginationBar
            page={courses.data.page}
            pageSize={courses.data.pageSize}
            total={courses.data.total}
            onChange={(page) => update({ page: page > 1 ? String(page) : null })}
            label={t('authoring.list.pagination')}
          />
        </>
      )}
    </Stack>
  );
}

function CourseRow({ course, href }: { course: CourseSummary; href: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.Tr>
      <Table.Td>
        <Group gap="sm" wrap="nowrap" align="flex-start">
          {course.coverUrl ? <img src={course.coverUrl} alt="" className={classes.thumb} loading="lazy" /> : null}
          <div className={classes.wrap}>
            <Anchor component={Link} to={href} fw={600}>
              {course.title}
            </Anchor>
            {course.category ? (
              <Text size="sm" c="dimmed">
                {course.category}
              </Text>
            ) : null}
          </div>
        </Group>
      </Table.Td>
      <Table.Td>
        <CourseStatusBadge status={course.status} />
      </Table.Td>
      <Table.Td>{formatDate(course.updatedAt, i18n.language)}</Table.Td>
      <Table.Td>{course.publishedAt ? formatDate(course.publishedAt, i18n.language) : t('authoring.list.notPublished')}</Table.Td>
    </Table.Tr>
  );
}

function ListSkeleton() {
  const { t } = useTranslation();
  return (
    <div aria-busy="true">
      <VisuallyHidden role="status">{t('authoring.list.loading')}</VisuallyHidden>
      <Stack gap="xs" aria-hidden="true">
        {Array.from({ length: 5 }, (_, index) => (
          <Skeleton key={index} height={44} radius="sm" />
        ))}
      </Stack>
    </div>
  );
}
