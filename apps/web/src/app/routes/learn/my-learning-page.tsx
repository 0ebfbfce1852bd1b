// Placeholder: replaced by the page's implementation.
export function MyLearningPage() {
  return null;
}
