import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/ui/page-header';
import { MyCoursesList } from '@/features/authoring';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths, teachCoursePath } from '../../paths';

export function MyCoursesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('authoring.list.title'));
  return (
    <>
      <PageHeader title={t('authoring.list.title')} description={t('authoring.list.lead')} />
      <MyCoursesList courseHref={teachCoursePath} createHref={paths.teachNew} />
    </>
  );
}
