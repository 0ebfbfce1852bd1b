import { Badge, Button, Card, Group, Select, SimpleGrid, Skeleton, Stack, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { audienceSchema, type Audience, type CourseSummary } from '@bdhv/contracts';
import { IconBook2, IconClock, IconFilterOff, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PaginationBar } from '@/components/ui/pagination-bar';
import { QueryError } from '@/components/ui/query-error';
import { useUrlFilters, useUrlSearch } from '@/lib/use-url-filters';
import { useCatalog, useCatalogCategories } from '../api/list-catalog';
import { catalogParamsFromSearch } from '../utils/catalog-params';
import { formatMinutes } from '../utils/format';
import listClasses from '@/components/ui/list-page.module.css';
import classes from './learning.module.css';

/** Wait for a pause in typing before asking the server. */
export const CATALOG_SEARCH_DEBOUNCE_MS = 350;

const FILTER_KEYS = ['q', 'category', 'audience'] as const;
const audiences: readonly Audience[] = audienceSchema.options;

/** The catalog's state lives in the address (?q=&category=&audience=&page=), so Back and shared links keep it. */
function useCatalogParams() {
  const [searchParams, update] = useUrlFilters<(typeof FILTER_KEYS)[number]>();
  const params = catalogParamsFromSearch(searchParams);
  const hasFilters = FILTER_KEYS.some((key) => searchParams.get(key));
  return { params, update, hasFilters };
}

export interface CatalogListProps {
  courseHref: (slug: string) => string;
}

/** Published courses: a search that ignores diacritics, category and audience filters, cards and pages. */
export function CatalogList({ courseHref }: CatalogListProps) {
  const { t } = useTranslation();
  const { params, update, hasFilters } = useCatalogParams();
  const { search, setSearch, submit: submitSearch } = useUrlSearch(params.q, (q) => update({ q }), CATALOG_SEARCH_DEBOUNCE_MS);
  const catalog = useCatalog(params);
  const categories = useCatalogCategories();


  const clearFilters = () => {
    setSearch('');
    update({ q: null, category: null, audience: null });
  };

  const categoryOptions = [...new Set([...(categories.data ?? []), ...(params.category ? [params.category] : [])])];

  return (
    <Stack gap="lg">
      <form role="search" aria-label={t('learning.catalog.filtersLabel')} className={listClasses.filters} onSubmit={submitSearch}>
        <Stack gap="sm">
          <TextInput
            type="search"
            label={t('learning.catalog.search')}
            placeholder={t('learning.catalog.searchPlaceholder')}
            leftSection={<IconSearch size={18} aria-hidden="true" />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            autoComplete="off"
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Select
              label={t('learning.catalog.category')}
              placeholder={t('learning.catalog.allCategories')}
              data={categoryOptions}
              value={params.category ?? null}
              onChange={(value) => update({ category: value })}
              clearable
              clearButtonProps={{ 'aria-label': t('learning.catalog.clearCategory') }}
              nothingFoundMessage={t('common.noMatches')}
            />
            <Select
              label={t('learning.catalog.audience')}
              placeholder={t('learning.catalog.allAudiences')}
              data={audiences.map((audience) => ({ value: audience, label: t(`identity.audiences.${audience}`) }))}
              value={params.audience ?? null}
              onChange={(value) => update({ audience: value })}
              clearable
              clearButtonProps={{ 'aria-label': t('learning.catalog.clearAudience') }}
            />
          </SimpleGrid>
          {hasFilters ? (
            <Group>
              <Button variant="subtle" size="compact-md" leftSection={<IconFilterOff size={16} aria-hidden="true" />} onClick={clearFilters}>
                {t('learning.catalog.clearFilters')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>

      {catalog.isError && !catalog.data ? (
        <QueryError title={t('learning.catalog.loadError')} error={catalog.error} onRetry={() => void catalog.refetch()} retrying={catalog.isFetching} />
      ) : catalog.isPending ? (
        <CatalogSkeleton />
      ) : catalog.data.total === 0 ? (
        <Stack align="center" gap="sm" py="xl" px="md" className={classes.empty}>
          <IconBook2 size={40} aria-hidden="true" />
          <Text fw={600} role="status" ta="center">
            {hasFilters ? t('learning.catalog.emptyFiltered') : t('learning.catalog.empty')}
          </Text>
          {hasFilters ? (
            <Button variant="default" onClick={clearFilters}>
              {t('learning.catalog.clearFilters')}
            </Button>
          ) : null}
        </Stack>
      ) : (
        <>
          {catalog.isError ? (
            <QueryError title={t('learning.catalog.loadError')} error={catalog.error} onRetry={() => void catalog.refetch()} retrying={catalog.isFetching} />
          ) : null}
          <ul className={classes.grid} aria-label={t('learning.catalog.listLabel')} aria-busy={catalog.isPlaceholderData}>
            {catalog.data.items.map((course) => (
              <li key={course.id}>
                <CourseCard course={course} href={courseHref(course.slug)} />
              </li>
            ))}
          </ul>
          <PaginationBar
            page={catalog.data.page}
            pageSize={catalog.data.pageSize}
            total={catalog.data.total}
            onChange={(page) => update({ page: page > 1 ? String(page) : null })}
            label={t('learning.catalog.pagination')}
          />
        </>
      )}
    </Stack>
  );
}

function CourseCard({ course, href }: { course: CourseSummary; href: string }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" radius="md" className={classes.card}>
      <Card.Section>
        {course.coverUrl ? (
          // Decorative: the title says what the course is.
          <img src={course.coverUrl} alt="" loading="lazy" className={classes.cover} />
        ) : (
          <div className={classes.coverPlaceholder} aria-hidden="true">
            <IconBook2 size={48} stroke={1.5} />
          </div>
        )}
      </Card.Section>
      <Stack gap="xs" mt="md" style={{ flex: 1 }}>
        {course.category ? (
          <Text size="sm" fw={600} c="blue.9">
            {course.category}
          </Text>
        ) : null}
        <Title order={2} size="h4">
          <Link to={href} className={classes.cardLink}>
            {course.title}
          </Link>
        </Title>
        {course.summary ? <Text className={classes.summary}>{course.summary}</Text> : null}
        <Group gap="xs" mt="auto" pt="xs">
          {course.estimatedMinutes ? (
            <Group gap={4} component="span">
              <IconClock size={16} aria-hidden="true" />
              <Text size="sm" component="span">
                {t('learning.catalog.estimated', { duration: formatMinutes(course.estimatedMinutes, t) })}
              </Text>
            </Group>
          ) : null}
        </Group>
        {course.tags.length > 0 ? (
          <Group gap={6} aria-label={t('learning.catalog.tags')} role="list">
            {course.tags.map((tag) => (
              <Badge key={tag} role="listitem" variant="outline" color="gray.8" radius="sm" tt="none">
                #{tag}
              </Badge>
            ))}
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}

function CatalogSkeleton() {
  const { t } = useTranslation();
  return (
    <div aria-busy="true">
      <VisuallyHidden role="status">{t('learning.catalog.loading')}</VisuallyHidden>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md" aria-hidden="true">
        {Array.from({ length: 6 }, (_, index) => (
          <Skeleton key={index} height={280} radius="md" />
        ))}
      </SimpleGrid>
    </div>
  );
}
