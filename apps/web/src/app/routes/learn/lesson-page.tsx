import { useParams } from 'react-router';
import { LearnerLessonView } from '@/features/learning';
import { coursePath, lessonPath, paths } from '../../paths';

export function LessonPage() {
  const { slug = '', lessonId = '' } = useParams();
  return <LearnerLessonView slug={slug} lessonId={lessonId} catalogHref={paths.catalog} courseHref={coursePath} lessonHref={lessonPath} />;
}
