import { Alert, Anchor, Group, Tabs, Text } from '@mantine/core';
import { IconArrowLeft, IconArchive, IconInfoCircle, IconListDetails, IconUsers } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import type { TreeOption } from '@/components/ui/tree-select';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useCourse } from '../api/get-course';
import { useVideoUploadLifecycle } from '../upload/video-upload-store';
import { EDITOR_TABS, isEditorTab, LESSON_PARAM, TAB_PARAM, type EditorTab } from '../utils/editor-params';
import type { ProblemTarget, PublishProblem } from '../utils/publish-problems';
import { CourseActions } from './course-actions';
import { CourseContentTab } from './course-content-tab';
import { CourseInfoTab } from './course-info-tab';
import { CourseLearnersTab } from './course-learners-tab';
import { CourseStatusBadge } from './course-status-badge';
import { PublishProblems } from './publish-problems';
import classes from './authoring.module.css';

export interface CourseEditorProps {
  courseId: string;
  backHref: string;
  /** The trainer's preview of the course, or of one lesson. */
  previewHref: (lessonId?: string) => string;
  onDeleted: () => void;
  /** Administrators and unit managers may assign a published course to units. */
  canAssign: boolean;
  unitOptions: readonly TreeOption[];
  unitOptionsLoading?: boolean;
}

/** The course editor: heading, status and actions, then information, content and learners tabs. */
export function CourseEditor({ courseId, backHref, previewHref, onDeleted, canAssign, unitOptions, unitOptionsLoading }: CourseEditorProps) {
  const { t } = useTranslation();
  const course = useCourse(courseId);
  const [searchParams, setSearchParams] = useSearchParams();
  const [problems, setProblems] = useState<{ title: string; items: PublishProblem[] } | null>(null);
  useDocumentTitle(course.data?.title ?? t('authoring.editor.title'));
  useVideoUploadLifecycle();

  const tabParam = searchParams.get(TAB_PARAM);
  const tab: EditorTab = isEditorTab(tabParam) ? tabParam : EDITOR_TABS.info;
  const selectedLessonId = searchParams.get(LESSON_PARAM);

  const navigateTo = useCallback(
    (next: { tab?: EditorTab; lessonId?: string | null }) =>
      setSearchParams(
        (previous) => {
          const params = new URLSearchParams(previous);
          if (next.tab) {
            if (next.tab === EDITOR_TABS.info) params.delete(TAB_PARAM);
            else params.set(TAB_PARAM, next.tab);
          }
          if (next.lessonId !== undefined) {
            if (next.lessonId) params.set(LESSON_PARAM, next.lessonId);
            else params.delete(LESSON_PARAM);
          }
          return params;
        },
        { replace: true },
      ),
    [setSearchParams],
  );

  const back = (
    <Anchor component={Link} to={backHref} fw={600}>
      <Group gap={4} component="span">
        <IconArrowLeft size={16} aria-hidden="true" />
        {t('authoring.editor.back')}
      </Group>
    </Anchor>
  );

  if (course.isPending) {
    return (
      <>
        <PageHeader title={t('authoring.editor.title')}>{back}</PageHeader>
        <PageLoader label={t('authoring.editor.loading')} />
      </>
    );
  }
  if (course.isError) {
    return (
      <>
        <PageHeader title={t('authoring.editor.title')}>{back}</PageHeader>
        <QueryError title={t('authoring.editor.loadError')} error={course.error} onRetry={() => void course.refetch()} retrying={course.isFetching} />
      </>
    );
  }

  const data = course.data;
  const readOnly = data.status === 'archived';
  const goToProblem = (target: ProblemTarget) => {
    if (target.kind === 'info') navigateTo({ tab: EDITOR_TABS.info });
    else navigateTo({ tab: EDITOR_TABS.content, ...(target.lessonId ? { lessonId: target.lessonId } : {}) });
  };

  return (
    <>
      <PageHeader title={data.title}>
        {back}
        <Group gap="sm" wrap="wrap">
          <CourseStatusBadge status={data.status} />
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {t('authoring.editor.slug', { slug: data.slug })}
          </Text>
        </Group>
        <CourseActions
          course={data}
          previewHref={previewHref()}
          onDeleted={onDeleted}
          onPublishRefused={(title, items) => setProblems({ title, items })}
          onPublished={() => setProblems(null)}
        />
      </PageHeader>

      {problems ? <PublishProblems title={problems.title} problems={problems.items} onGoTo={goToProblem} onDismiss={() => setProblems(null)} /> : null}
      {readOnly ? (
        <Alert color="gray.8" variant="light" icon={<IconArchive aria-hidden="true" />} mb="lg" title={t('authoring.editor.archivedTitle')} styles={{ title: { color: 'var(--mantine-color-gray-9)' } }}>
          <Text size="sm" c="gray.9">
            {t('authoring.editor.archivedBody')}
          </Text>
        </Alert>
      ) : null}

      <Tabs value={tab} onChange={(value) => isEditorTab(value) && navigateTo({ tab: value })} keepMounted={false} classNames={{ tabSection: classes.tabIcon }}>
        <Tabs.List aria-label={t('authoring.editor.tabsLabel')} mb="lg">
          <Tabs.Tab value={EDITOR_TABS.info} leftSection={<IconInfoCircle size={18} aria-hidden="true" />}>
            {t('authoring.editor.tabs.info')}
          </Tabs.Tab>
          <Tabs.Tab value={EDITOR_TABS.content} leftSection={<IconListDetails size={18} aria-hidden="true" />}>
            {t('authoring.editor.tabs.content')}
          </Tabs.Tab>
          <Tabs.Tab value={EDITOR_TABS.learners} leftSection={<IconUsers size={18} aria-hidden="true" />}>
            {t('authoring.editor.tabs.learners')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value={EDITOR_TABS.info}>
          <CourseInfoTab course={data} readOnly={readOnly} />
        </Tabs.Panel>
        <Tabs.Panel value={EDITOR_TABS.content}>
          <CourseContentTab
            course={data}
            readOnly={readOnly}
            selectedLessonId={selectedLessonId}
            onSelectLesson={(lessonId) => navigateTo({ tab: EDITOR_TABS.content, lessonId })}
            lessonPreviewHref={(lessonId) => previewHref(lessonId)}
          />
        </Tabs.Panel>
        <Tabs.Panel value={EDITOR_TABS.learners}>
          <CourseLearnersTab course={data} canAssign={canAssign} unitOptions={unitOptions} unitOptionsLoading={unitOptionsLoading} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
