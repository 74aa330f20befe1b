/** The site's departments (read over REST by every agent; admins add, rename and delete them). */
import type { Department } from '@parley/shared';
import { computed, signal, type ReadonlySignal } from '@preact/signals';

export interface DepartmentsStore {
  list: ReadonlySignal<readonly Department[]>;
  byId: ReadonlySignal<ReadonlyMap<string, Department>>;
  replaceAll(departments: Department[]): void;
  upsert(department: Department): void;
  remove(departmentId: string): void;
}

const byName = (a: Department, b: Department) => a.name.localeCompare(b.name);

export function createDepartmentsStore(): DepartmentsStore {
  const list = signal<readonly Department[]>([]);
  return {
    list,
    byId: computed(() => new Map(list.value.map((d) => [d.id, d]))),
    replaceAll(departments) {
      list.value = [...departments].sort(byName);
    },
    upsert(department) {
      list.value = [...list.value.filter((d) => d.id !== department.id), department].sort(byName);
    },
    remove(departmentId) {
      list.value = list.value.filter((d) => d.id !== departmentId);
    },
  };
}
