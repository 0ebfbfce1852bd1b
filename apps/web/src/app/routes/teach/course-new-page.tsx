import { Anchor, Group } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { CourseCreateForm } from '@/features/authoring';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths, teachCoursePath } from '../../paths';

export function CourseNewPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('authoring.new.title'));
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t('authoring.new.title')} description={t('authoring.new.lead')}>
        <Anchor component={Link} to={paths.teach} fw={600}>
          <Group gap={4} component="span">
            <IconArrowLeft size={16} aria-hidden="true" />
            {t('authoring.editor.back')}
          </Group>
        </Anchor>
      </PageHeader>
      <CourseCreateForm cancelHref={paths.teach} onCreated={(course) => navigate(teachCoursePath(course.id))} />
    </>
  );
}
