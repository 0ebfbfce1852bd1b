import { Anchor, Button, Group, Paper, Skeleton, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import type { MyLearningItem } from '@bdhv/contracts';
import { IconBook2, IconCalendarDue, IconPlayerPlay } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StatusBadge } from '@/components/ui/status-badge';
import { QueryError } from '@/components/ui/query-error';
import { useMyLearning } from '../api/get-my-learning';
import { formatDate } from '../utils/format';
import { CourseProgressBar } from './course-progress-bar';
import { isOverdue } from './course-overview';
import classes from './learning.module.css';

export interface MyLearningListProps {
  courseHref: (slug: string) => string;
  catalogHref: string;
}

/** Courses in progress first (earliest due date first), then finished ones. */
export function sortEnrolments(items: readonly MyLearningItem[]): MyLearningItem[] {
  const due = (item: MyLearningItem) => (item.dueAt ? new Date(item.dueAt).getTime() : Number.POSITIVE_INFINITY);
  return [...items].sort((a, b) => Number(a.completed) - Number(b.completed) || due(a) - due(b));
}

/** The learner's enrolments with progress, status and due dates. */
export function MyLearningList({ courseHref, catalogHref }: MyLearningListProps) {
  const { t } = useTranslation();
  const learning = useMyLearning();

  if (learning.isPending) {
    return (
      <div aria-busy="true">
        <VisuallyHidden role="status">{t('learning.myLearning.loading')}</VisuallyHidden>
        <Stack gap="md" aria-hidden="true">
          {Array.from({ length: 3 }, (_, index) => (
            <Skeleton key={index} height={150} radius="md" />
          ))}
        </Stack>
      </div>
    );
  }
  if (learning.isError) {
    return <QueryError title={t('learning.myLearning.loadError')} error={learning.error} onRetry={() => void learning.refetch()} retrying={learning.isFetching} />;
  }
  if (learning.data.length === 0) {
    return (
      <Stack align="center" gap="sm" py="xl" px="md" className={classes.empty}>
        <IconBook2 size={40} aria-hidden="true" />
        <Text fw={600} ta="center">
          {t('learning.myLearning.empty')}
        </Text>
        <Button component={Link} to={catalogHref}>
          {t('learning.myLearning.browse')}
        </Button>
      </Stack>
    );
  }
  return (
    <ul className={classes.stackList} aria-label={t('learning.myLearning.listLabel')}>
      {sortEnrolments(learning.data).map((item) => (
        <li key={item.id}>
          <EnrolmentCard item={item} href={courseHref(item.course.slug)} />
        </li>
      ))}
    </ul>
  );
}

function EnrolmentCard({ item, href }: { item: MyLearningItem; href: string }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const overdue = isOverdue(item.dueAt, item.completed);
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Title order={2} size="h4" id={titleId} style={{ overflowWrap: 'anywhere', flex: 1, minWidth: 0 }}>
            <Anchor component={Link} to={href} inherit>
              {item.course.title}
            </Anchor>
          </Title>
          <StatusBadge tone={item.completed ? 'success' : overdue ? 'danger' : 'neutral'}>
            {item.completed ? t('learning.myLearning.statusCompleted') : overdue ? t('learning.myLearning.statusOverdue') : t('learning.myLearning.statusActive')}
          </StatusBadge>
        </Group>
        <CourseProgressBar percent={item.progressPercent} size="md" label={t('learning.myLearning.progressLabel', { title: item.course.title })} />
        <Group justify="space-between" gap="sm">
          <Stack gap={2}>
            {item.dueAt ? (
              <Text size="sm" className={overdue ? classes.overdue : undefined}>
                <IconCalendarDue size={16} aria-hidden="true" style={{ verticalAlign: '-3px' }} />{' '}
                {t(overdue ? 'learning.enrolment.overdue' : 'learning.enrolment.due', { date: formatDate(item.dueAt, i18n.language) })}
              </Text>
            ) : null}
            {item.source === 'assignment' ? <Text size="sm">{t('learning.myLearning.assigned')}</Text> : null}
          </Stack>
          <Button component={Link} to={href} variant={item.completed ? 'default' : 'filled'} leftSection={<IconPlayerPlay size={18} aria-hidden="true" />} aria-describedby={titleId}>
            {item.completed ? t('learning.myLearning.review') : t('learning.myLearning.continue')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
