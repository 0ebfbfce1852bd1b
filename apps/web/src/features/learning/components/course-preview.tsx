import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconEye, IconPlayerPlay } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useCoursePreview } from '../api/get-course-preview';
import { useLearnerLesson } from '../api/get-learner-lesson';
import { formatMinutes } from '../utils/format';
import { flattenLessons } from '../utils/outline';
import { CourseOutline } from './course-outline';
import { LessonContent } from './lesson-content';
import { LessonLayout } from './lesson-layout';

export interface CoursePreviewProps {
  courseId: string;
  /** The lesson being previewed; the course overview when omitted. */
  lessonId?: string;
  previewHref: (courseId: string, lessonId?: string) => string;
  editorHref: (courseId: string) => string;
}

const alertStyles = { message: { color: 'var(--mantine-color-gray-9)' }, title: { color: 'var(--mantine-color-gray-9)' } };

/**
 * The trainer's preview: the course as a learner sees it (drafts too), with the same lesson views,
 * under a banner, and without any progress writes.
 */
export function CoursePreview({ courseId, lessonId, previewHref, editorHref }: CoursePreviewProps) {
  const { t } = useTranslation();
  const course = useCoursePreview(courseId);
  const lessons = course.data ? flattenLessons(course.data.modules) : [];
  const outlineLesson = lessonId ? lessons.find((lesson) => lesson.id === lessonId) : undefined;
  const lesson = useLearnerLesson(lessonId ?? '', Boolean(outlineLesson));
  const pageTitle = outlineLesson?.title ?? course.data?.title ?? t('learning.preview.title');
  useDocumentTitle(`${t('learning.preview.badge')}: ${pageTitle}`);

  const banner = (
    <Alert variant="light" color="blue.9" icon={<IconEye aria-hidden="true" />} title={t('learning.preview.bannerTitle')} styles={alertStyles}>
      <Stack gap="xs">
        <Text size="sm">{t('learning.preview.banner')}</Text>
        <Anchor component={Link} to={editorHref(courseId)} size="sm" fw={600}>
          <Group gap={4} component="span">
            <IconArrowLeft size={16} aria-hidden="true" />
            {t('learning.preview.backToEditor')}
          </Group>
        </Anchor>
      </Stack>
    </Alert>
  );

  if (course.isPending || course.isError) {
    return (
      <Stack gap="md">
        {banner}
        <Title order={1}>{t('learning.preview.title')}</Title>
        {course.isPending ? (
          <PageLoader label={t('learning.course.loading')} />
        ) : (
          <QueryError title={t('learning.course.loadError')} error={course.error} onRetry={() => void course.refetch()} retrying={course.isFetching} />
        )}
      </Stack>
    );
  }

  const data = course.data;
  const hrefFor = (id: string) => previewHref(courseId, id);

  if (lessonId && !outlineLesson) {
    return (
      <Stack gap="md">
        {banner}
        <Title order={1}>{t('learning.lesson.notFound')}</Title>
        <Text>{t('learning.lesson.notFoundBody')}</Text>
        <Anchor component={Link} to={previewHref(courseId)}>
          {t('learning.preview.backToOverview')}
        </Anchor>
      </Stack>
    );
  }

  if (outlineLesson) {
    const crumbs = [{ label: `${t('learning.preview.badge')}: ${data.title}`, href: previewHref(courseId) }];
    return (
      <LessonLayout crumbs={crumbs} courseTitle={data.title} modules={data.modules} lesson={outlineLesson} lessonHref={hrefFor} banner={banner}>
        {lesson.isPending ? (
          <PageLoader label={t('learning.lesson.loadingContent')} />
        ) : lesson.isError ? (
          <QueryError title={t('learning.lesson.contentError')} error={lesson.error} onRetry={() => void lesson.refetch()} retrying={lesson.isFetching} />
        ) : (
          <LessonContent lesson={lesson.data} preview completed={false} lastPosition={0} />
        )}
      </LessonLayout>
    );
  }

  const first = lessons[0];
  return (
    <Stack gap="xl">
      {banner}
      <Stack gap="sm">
        <Title order={1}>{data.title}</Title>
        {data.summary ? (
          <Text size="lg" maw="70ch">
            {data.summary}
          </Text>
        ) : null}
        <Group gap="md">
          {data.category ? (
            <Text size="sm" fw={600} c="blue.9">
              {data.category}
            </Text>
          ) : null}
          {data.estimatedMinutes ? <Text size="sm">{t('learning.catalog.estimated', { duration: formatMinutes(data.estimatedMinutes, t) })}</Text> : null}
          <Text size="sm">{t('learning.course.lessonCount', { count: lessons.length })}</Text>
        </Group>
        {first ? (
          <Group>
            <Button component={Link} to={hrefFor(first.id)} leftSection={<IconPlayerPlay size={18} aria-hidden="true" />}>
              {t('learning.preview.start')}
            </Button>
          </Group>
        ) : null}
      </Stack>
      <section aria-labelledby="preview-outline-heading">
        <Title order={2} id="preview-outline-heading" mb="md">
          {t('learning.outline.title')}
        </Title>
        <CourseOutline modules={data.modules} lessonHref={hrefFor} />
      </section>
    </Stack>
  );
}
