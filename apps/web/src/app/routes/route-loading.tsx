import { useTranslation } from 'react-i18next';
import { PageLoader } from '@/components/ui/page-loader';

/** The page's place while its code loads on a first visit (a route's `hydrateFallbackElement`). */
export function RouteLoading() {
  const { t } = useTranslation();
  return <PageLoader label={t('common.loading')} />;
}
