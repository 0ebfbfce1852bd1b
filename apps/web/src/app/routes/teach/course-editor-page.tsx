import { useNavigate, useParams } from 'react-router';
import { CourseEditor } from '@/features/authoring';
import { toOrgUnitOptions, useOrgUnits } from '@/features/org-units';
import { hasAnyRole, useSession } from '@/lib/session';
import { paths, teachPreviewPath } from '../../paths';

export function CourseEditorPage() {
  const { courseId = '' } = useParams();
  const navigate = useNavigate();
  const { user } = useSession();
  // Assigning is for administrators and unit managers (the API checks the unit subtree too).
  const canAssign = hasAnyRole(user, ['admin', 'unit_manager']);
  const units = useOrgUnits({ enabled: canAssign });
  return (
    <CourseEditor
      key={courseId}
      courseId={courseId}
      backHref={paths.teach}
      previewHref={(lessonId) => teachPreviewPath(courseId, lessonId)}
      onDeleted={() => navigate(paths.teach, { replace: true })}
      canAssign={canAssign}
      unitOptions={canAssign ? toOrgUnitOptions(units.data) : []}
      unitOptionsLoading={units.isPending && canAssign}
    />
  );
}
