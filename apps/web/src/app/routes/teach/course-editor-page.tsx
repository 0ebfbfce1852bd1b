// Placeholder: replaced by the page's implementation.
export function CourseEditorPage() {
  return null;
}
