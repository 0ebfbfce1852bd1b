import { useParams } from 'react-router';
import { CoursePreview } from '@/features/learning';
import { teachCoursePath, teachPreviewPath } from '../../paths';

export function CoursePreviewPage() {
  const { courseId = '', lessonId } = useParams();
  return <CoursePreview key={courseId} courseId={courseId} lessonId={lessonId} previewHref={teachPreviewPath} editorHref={teachCoursePath} />;
}
