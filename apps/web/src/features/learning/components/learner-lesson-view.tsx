import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconLock, IconUserPlus } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageLoader } from '@/components/ui/page-loader';
import { ApiRequestError } from '@/lib/api-client';
import { QueryError } from '@/components/ui/query-error';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useCatalogCourse } from '../api/get-catalog-course';
import { useCourseProgress } from '../api/get-course-progress';
import { useLearnerLesson } from '../api/get-learner-lesson';
import { learningErrorMessage } from '../utils/errors';
import { flattenLessons, lessonStates, nextLessonToStudy } from '../utils/outline';
import { CourseProgressBar } from './course-progress-bar';
import { statusMap } from './course-overview';
import { LessonContent } from './lesson-content';
import { LessonLayout } from './lesson-layout';

/** Dark text on the light alert backgrounds (contrast). */
const alertStyles = { message: { color: 'var(--mantine-color-gray-9)' }, title: { color: 'var(--mantine-color-gray-9)' } };

export interface LearnerLessonViewProps {
  slug: string;
  lessonId: string;
  catalogHref: string;
  courseHref: (slug: string) => string;
  lessonHref: (slug: string, lessonId: string) => string;
}

/**
 * A lesson for an enrolled learner. The course outline and progress load first; the lesson's
 * content is asked for only when the learner may open it (enrolled, not locked by strict order),
 * so the usual refusals are explained here instead of failing requests.
 */
export function LearnerLessonView({ slug, lessonId, catalogHref, courseHref, lessonHref }: LearnerLessonViewProps) {
  const { t, i18n } = useTranslation();
  const course = useCatalogCourse(slug);
  const enrolled = Boolean(course.data?.myEnrolment);
  const progress = useCourseProgress(course.data?.id, enrolled);
  const states = useMemo(
    () => (course.data && progress.data ? lessonStates(course.data.modules, statusMap(progress.data), course.data.strictOrder) : undefined),
    [course.data, progress.data],
  );
  const outlineLesson = course.data ? flattenLessons(course.data.modules).find((lesson) => lesson.id === lessonId) : undefined;
  const state = states?.get(lessonId);
  const mayOpen = Boolean(outlineLesson && enrolled && state && !state.locked);
  const lesson = useLearnerLesson(lessonId, mayOpen);
  useDocumentTitle(outlineLesson ? `${outlineLesson.title} – ${course.data?.title}` : t('learning.lesson.title'));

  if (course.isPending || (enrolled && progress.isPending)) return <PageLoader label={t('learning.lesson.loading')} />;
  if (course.isError || progress.isError) {
    const error = course.error ?? progress.error;
    const retry = () => void (course.isError ? course.refetch() : progress.refetch());
    return (
      <Stack gap="md">
        <Title order={1}>{t('learning.lesson.title')}</Title>
        <QueryError title={t('learning.lesson.loadError')} error={error} onRetry={retry} retrying={course.isFetching || progress.isFetching} />
      </Stack>
    );
  }

  const data = course.data;
  const backToCourse = (
    <Anchor component={Link} to={courseHref(data.slug)} fw={600}>
      <Group gap={4} component="span">
        <IconArrowLeft size={16} aria-hidden="true" />
        {t('learning.lesson.backToCourse', { title: data.title })}
      </Group>
    </Anchor>
  );
  if (!outlineLesson) {
    return (
      <Stack gap="md">
        <Title order={1}>{t('learning.lesson.notFound')}</Title>
        <Text>{t('learning.lesson.notFoundBody')}</Text>
        {backToCourse}
      </Stack>
    );
  }

  const hrefFor = (id: string) => lessonHref(data.slug, id);
  const crumbs = [
    { label: t('learning.catalog.title'), href: catalogHref },
    { label: data.title, href: courseHref(data.slug) },
  ];
  const outlineHeader = progress.data ? (
    <CourseProgressBar percent={progress.data.progressPercent} size="md" completed={{ done: progress.data.completedLessons, required: progress.data.requiredLessons }} />
  ) : null;

  let body;
  if (!enrolled) {
    body = (
      <Alert variant="light" color="blue.9" icon={<IconUserPlus aria-hidden="true" />} title={t('learning.lesson.notEnrolledTitle')} styles={alertStyles}>
        <Stack gap="sm">
          <Text size="sm">{t('learning.lesson.notEnrolled')}</Text>
          <Group>
            <Button component={Link} to={courseHref(data.slug)} size="sm">
              {t('learning.lesson.goToCourse')}
            </Button>
          </Group>
        </Stack>
      </Alert>
    );
  } else if (state?.locked) {
    const next = states ? nextLessonToStudy(data.modules, states) : undefined;
    body = (
      <Alert variant="light" color="gray.8" icon={<IconLock aria-hidden="true" />} title={t('learning.lesson.lockedTitle')} styles={alertStyles}>
        <Stack gap="sm">
          <Text size="sm">{t('learning.lesson.locked')}</Text>
          {next ? (
            <Group>
              <Button component={Link} to={hrefFor(next.id)} size="sm">
                {t('learning.lesson.goToNext', { title: next.title })}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </Alert>
    );
  } else if (lesson.isPending) {
    body = <PageLoader label={t('learning.lesson.loadingContent')} />;
  } else if (lesson.isError) {
    // A refusal (403: not enrolled any more, or locked) has a reason to read; other failures can be retried.
    body =
      lesson.error instanceof ApiRequestError && lesson.error.status === 403 ? (
        <Alert variant="light" color="gray.8" role="alert" icon={<IconLock aria-hidden="true" />} title={t('learning.lesson.lockedTitle')} styles={alertStyles}>
          <Stack gap="sm">
            <Text size="sm">{learningErrorMessage(lesson.error, t, i18n.language)}</Text>
            {backToCourse}
          </Stack>
        </Alert>
      ) : (
        <QueryError title={t('learning.lesson.contentError')} error={lesson.error} onRetry={() => void lesson.refetch()} retrying={lesson.isFetching} />
      );
  } else {
    const lessonProgress = progress.data?.lessons.find((entry) => entry.lessonId === lessonId);
    body = (
      <LessonContent
        lesson={lesson.data}
        preview={lesson.data.preview}
        completed={lessonProgress?.status === 'completed'}
        lastPosition={lessonProgress?.lastPositionSeconds ?? 0}
      />
    );
  }

  return (
    <LessonLayout crumbs={crumbs} courseTitle={data.title} modules={data.modules} lesson={outlineLesson} states={states} lessonHref={hrefFor} outlineHeader={outlineHeader}>
      {body}
    </LessonLayout>
  );
}
