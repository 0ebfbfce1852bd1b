import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/ui/page-header';
import { MyLearningList } from '@/features/learning';
import { useDocumentTitle } from '@/lib/use-document-title';
import { coursePath, paths } from '../../paths';

export function MyLearningPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('learning.myLearning.title'));
  return (
    <>
      <PageHeader title={t('learning.myLearning.title')} description={t('learning.myLearning.lead')} />
      <MyLearningList courseHref={coursePath} catalogHref={paths.catalog} />
    </>
  );
}
