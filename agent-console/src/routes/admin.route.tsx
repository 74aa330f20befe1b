/** Administration (placeholder until the sections land). */
import type { AdminSection } from '../state/navigation.store';

export function AdminRoute(_props: { section: AdminSection | null }) {
  return <main class="admin" data-testid="admin-page" />;
}
