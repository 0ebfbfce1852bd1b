import { Alert, Anchor, Badge, Breadcrumbs, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { CatalogCourse, CourseProgress } from '@bdhv/contracts';
import { notifications } from '@mantine/notifications';
import { IconCalendarDue, IconCircleCheckFilled, IconClock, IconInfoCircle, IconLogout, IconPlayerPlay, IconUserPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FormError } from '@/components/ui/form-error';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useEnrol, useUnenrol } from '../api/enrol';
import { useCatalogCourse } from '../api/get-catalog-course';
import { useCourseProgress } from '../api/get-course-progress';
import { learningErrorMessage } from '../utils/errors';
import { formatDate, formatMinutes } from '../utils/format';
import { flattenLessons, lessonStates, nextLessonToStudy, type LessonStatus, type OutlineState } from '../utils/outline';
import { CourseOutline } from './course-outline';
import { CourseProgressBar } from './course-progress-bar';
import classes from './learning.module.css';

export interface CourseOverviewProps {
  slug: string;
  catalogHref: string;
  lessonHref: (slug: string, lessonId: string) => string;
}

/** Lesson statuses from the progress answer. */
export function statusMap(progress: CourseProgress | undefined): Map<string, LessonStatus> {
  return new Map((progress?.lessons ?? []).map((lesson) => [lesson.lessonId, lesson.status]));
}

/** Whether a due date has passed. */
export function isOverdue(dueAt: string | null, completed: boolean, now = Date.now()): boolean {
  return !completed && dueAt !== null && new Date(dueAt).getTime() < now;
}

/** A published course for learners: what it is, the learner's enrolment and progress, and its outline. */
export function CourseOverview({ slug, catalogHref, lessonHref }: CourseOverviewProps) {
  const { t } = useTranslation();
  const course = useCatalogCourse(slug);
  const enrolled = Boolean(course.data?.myEnrolment);
  const progress = useCourseProgress(course.data?.id, enrolled);
  useDocumentTitle(course.data?.title ?? t('learning.course.title'));

  const states = useMemo(
    () => (course.data && enrolled && progress.data ? lessonStates(course.data.modules, statusMap(progress.data), course.data.strictOrder) : undefined),
    [course.data, enrolled, progress.data],
  );

  const breadcrumbs = (
    <nav aria-label={t('learning.breadcrumbs')}>
      <Breadcrumbs separatorMargin={6} className={classes.breadcrumbs}>
        <Anchor component={Link} to={catalogHref}>
          {t('learning.catalog.title')}
        </Anchor>
        <Text component="span" aria-current="page">
          {course.data?.title ?? t('learning.course.title')}
        </Text>
      </Breadcrumbs>
    </nav>
  );

  if (course.isPending) {
    return (
      <Stack gap="md">
        {breadcrumbs}
        <Title order={1}>{t('learning.course.title')}</Title>
        <PageLoader label={t('learning.course.loading')} />
      </Stack>
    );
  }
  if (course.isError) {
    return (
      <Stack gap="md">
        {breadcrumbs}
        <Title order={1}>{t('learning.course.title')}</Title>
        <QueryError title={t('learning.course.loadError')} error={course.error} onRetry={() => void course.refetch()} retrying={course.isFetching} />
      </Stack>
    );
  }

  const data = course.data;
  const lessonCount = flattenLessons(data.modules).length;
  return (
    <Stack gap="xl">
      <Stack gap="sm">
        {breadcrumbs}
        <Title order={1}>{data.title}</Title>
        {data.summary ? (
          <Text size="lg" maw="70ch">
            {data.summary}
          </Text>
        ) : null}
        <CourseFacts course={data} lessonCount={lessonCount} />
      </Stack>

      {data.coverUrl ? <img src={data.coverUrl} alt="" className={classes.courseCover} /> : null}

      <EnrolmentPanel course={data} progress={progress.data} progressError={progress.error} states={states} lessonHref={(id) => lessonHref(data.slug, id)} />

      <section aria-labelledby="course-outline-heading">
        <Title order={2} id="course-outline-heading" mb="md">
          {t('learning.outline.title')}
        </Title>
        <CourseOutline modules={data.modules} states={states} lessonHref={enrolled ? (id) => lessonHref(data.slug, id) : undefined} />
      </section>
    </Stack>
  );
}

function CourseFacts({ course, lessonCount }: { course: CatalogCourse; lessonCount: number }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Group gap="md">
        {course.category ? (
          <Text size="sm" fw={600} c="blue.9">
            {course.category}
          </Text>
        ) : null}
        {course.estimatedMinutes ? (
          <Group gap={4} component="span">
            <IconClock size={16} aria-hidden="true" />
            <Text size="sm" component="span">
              {t('learning.catalog.estimated', { duration: formatMinutes(course.estimatedMinutes, t) })}
            </Text>
          </Group>
        ) : null}
        <Text size="sm">{t('learning.course.lessonCount', { count: lessonCount })}</Text>
        {course.strictOrder ? <Text size="sm">{t('learning.course.strictOrder')}</Text> : null}
      </Group>
      {course.targetAudiences.length > 0 ? (
        <Text size="sm">
          {t('learning.course.audiences', { audiences: course.targetAudiences.map((audience) => t(`identity.audiences.${audience}`)).join(', ') })}
        </Text>
      ) : null}
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
  );
}

interface EnrolmentPanelProps {
  course: CatalogCourse;
  progress: CourseProgress | undefined;
  progressError: unknown;
  states: ReadonlyMap<string, OutlineState> | undefined;
  lessonHref: (lessonId: string) => string;
}

function EnrolmentPanel({ course, progress, progressError, states, lessonHref }: EnrolmentPanelProps) {
  const { t, i18n } = useTranslation();
  const enrol = useEnrol();
  const unenrol = useUnenrol();
  const [confirming, setConfirming] = useState(false);
  const enrolment = course.myEnrolment;

  if (!enrolment) {
    return (
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('learning.enrolment.title')}
          </Title>
          {course.openToMe ? (
            <>
              <Text>{t('learning.enrolment.invite')}</Text>
              {enrol.isError ? <FormError>{learningErrorMessage(enrol.error, t, i18n.language)}</FormError> : null}
              <Group>
                <Button leftSection={<IconUserPlus size={18} aria-hidden="true" />} loading={enrol.isPending} onClick={() => enrol.mutate(course.id)}>
                  {t('learning.enrolment.enrol')}
                </Button>
              </Group>
            </>
          ) : (
            <Alert color="gray.8" variant="light" icon={<IconInfoCircle aria-hidden="true" />} styles={{ message: { color: 'var(--mantine-color-gray-9)' } }}>
              {t('learning.enrolment.notOpen')}
            </Alert>
          )}
        </Stack>
      </Paper>
    );
  }

  const completed = enrolment.status === 'completed' || progress?.status === 'completed';
  const percent = progress?.progressPercent ?? enrolment.progressPercent;
  const next = states ? nextLessonToStudy(course.modules, states) : flattenLessons(course.modules)[0];
  const allDone = states ? flattenLessons(course.modules).every((lesson) => states.get(lesson.id)?.status === 'completed') : false;
  const overdue = isOverdue(enrolment.dueAt, completed);

  const leave = () =>
    unenrol.mutate(course.id, {
      onSuccess: () => {
        setConfirming(false);
        notifications.show({ color: 'teal.9', message: t('learning.enrolment.left') });
      },
    });

  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="md">
        <Group justify="space-between" gap="sm">
          <Title order={2} size="h4">
            {t('learning.progress.title')}
          </Title>
          {completed ? (
            <Text fw={600} className={classes.statusCompleted}>
              <IconCircleCheckFilled size={16} aria-hidden="true" style={{ verticalAlign: '-3px' }} /> {t('learning.enrolment.courseCompleted')}
            </Text>
          ) : null}
        </Group>
        <CourseProgressBar percent={percent} completed={progress ? { done: progress.completedLessons, required: progress.requiredLessons } : undefined} />
        {progressError ? <QueryError title={t('learning.progress.loadError')} error={progressError} /> : null}
        {enrolment.dueAt ? (
          <Text size="sm" className={overdue ? classes.overdue : undefined}>
            <IconCalendarDue size={16} aria-hidden="true" style={{ verticalAlign: '-3px' }} />{' '}
            {t(overdue ? 'learning.enrolment.overdue' : 'learning.enrolment.due', { date: formatDate(enrolment.dueAt, i18n.language) })}
          </Text>
        ) : null}
        <Group gap="sm">
          {next ? (
            <Button component={Link} to={lessonHref(next.id)} leftSection={<IconPlayerPlay size={18} aria-hidden="true" />}>
              {allDone ? t('learning.enrolment.review') : t('learning.enrolment.continue')}
            </Button>
          ) : null}
          <Button variant="default" leftSection={<IconLogout size={18} aria-hidden="true" />} onClick={() => setConfirming(true)}>
            {t('learning.enrolment.leave')}
          </Button>
        </Group>
      </Stack>
      <ConfirmDialog
        opened={confirming}
        title={t('learning.enrolment.leaveTitle')}
        confirmLabel={t('learning.enrolment.leaveConfirm')}
        onConfirm={leave}
        onCancel={() => {
          setConfirming(false);
          unenrol.reset();
        }}
        pending={unenrol.isPending}
        danger
      >
        <Stack gap="sm">
          <Text>{t('learning.enrolment.leaveBody', { title: course.title })}</Text>
          {unenrol.isError ? <FormError>{learningErrorMessage(unenrol.error, t, i18n.language)}</FormError> : null}
        </Stack>
      </ConfirmDialog>
    </Paper>
  );
}
