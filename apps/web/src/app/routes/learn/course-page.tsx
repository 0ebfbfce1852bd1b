import { useParams } from 'react-router';
import { CourseOverview } from '@/features/learning';
import { lessonPath, paths } from '../../paths';

export function CoursePage() {
  const { slug = '' } = useParams();
  return <CourseOverview key={slug} slug={slug} catalogHref={paths.catalog} lessonHref={lessonPath} />;
}
