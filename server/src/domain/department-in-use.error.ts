/** The refusal to delete a department that still has live work: one issue per thing to move first. */
import type { DepartmentInUseReason, ParleyError } from '@parley/shared';
import type { DepartmentUse } from '../store/store';
import { DomainError } from './domain-error';

type Issue = { path: DepartmentInUseReason; message: string };

function issuesOf(use: DepartmentUse): Issue[] {
  const issues: Issue[] = [];
  if (use.isSiteDefault) {
    issues.push({ path: 'defaultDepartmentId', message: "It is the site's default department: choose another one in the routing settings." });
  }
  if (use.openConversations > 0) {
    issues.push({ path: 'openConversations', message: `${use.openConversations} open conversation(s) are in it: transfer or resolve them.` });
  }
  if (use.unsolvedTickets > 0) {
    issues.push({ path: 'unsolvedTickets', message: `${use.unsolvedTickets} unsolved ticket(s) are in it: move them to another department or solve them.` });
  }
  if (use.cannedShortcutsTaken.length > 0) {
    const shortcuts = use.cannedShortcutsTaken.map((s) => `/${s}`).join(', ');
    issues.push({
      path: 'cannedReplies',
      message: `Its canned replies would become site-wide, but site-wide replies already use ${shortcuts}: rename or delete one of each pair.`,
    });
  }
  return issues;
}

export class DepartmentInUseError extends DomainError {
  private readonly issues: Issue[];

  constructor(use: DepartmentUse) {
    const issues = issuesOf(use);
    super('DEPARTMENT_IN_USE', `This department is still in use. ${issues.map((i) => i.message).join(' ')}`);
    this.issues = issues;
  }

  override toParleyError(): ParleyError {
    return { ...super.toParleyError(), issues: this.issues };
  }
}
