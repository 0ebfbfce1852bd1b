// Placeholder: replaced by the page's implementation.
export function LessonPage() {
  return null;
}
