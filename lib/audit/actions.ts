// Every action name the audit log can hold, each with the group the officials' log files it
// under. writeAudit (db/queries/audit.ts) takes only these names and defineAction
// (lib/actions.ts) only these names for a server action (a refused one is logged under its
// name), so a new name does not typecheck until it is here. Adding one is one line here plus
// its words under `auditActions` in messages/zh-CN.json and messages/en.json, nested at the
// dots (tests/unit/audit-actions.test.ts checks both). The names are stored in rows already
// written: never rename one.
import type { TransitionAction } from '@/lib/workflow';

/** The groups of the action filter on the audit log page, in the order it lists them. */
export const AUDIT_GROUPS = ['account', 'staff', 'household', 'pii', 'application', 'grievance', 'visit', 'handout', 'stock', 'money', 'waiver', 'programme', 'upload', 'export', 'system'] as const;
export type AuditGroup = (typeof AUDIT_GROUPS)[number];

export const AUDIT_ACTIONS = {
  // Signing in, accounts and passwords.
  'auth.sign_in': 'account',
  'auth.sign_out': 'account',
  'auth.end_sessions': 'account',
  'auth.change_password': 'account',
  'account.password.change': 'account',
  'user.register': 'account',
  'user.create_official': 'account',

  // Staff accounts, their places, and their own declarations (conflicts of interest).
  'staff.create': 'staff',
  'staff.import': 'staff',
  'staff.place.assign': 'staff',
  'staff.place.unassign': 'staff',
  'staff.password.reset': 'staff',
  'staff.set_active': 'staff',
  'staff.deactivate': 'staff',
  'staff.reactivate': 'staff',
  'staff.id_number.set': 'staff',
  'staff.relative.declare': 'staff',
  'staff.relative.update': 'staff',
  'staff.relative.withdraw': 'staff',

  // Households: records, members, declared and verified facts, assisted service (代办).
  'household.create': 'household',
  'household.create_own': 'household',
  'household.create_assisted': 'household',
  'household.claim_request': 'household',
  'household.claim_requested': 'household',
  'household.claim_confirm': 'household',
  'household.claim_confirmed': 'household',
  'household.claim_decline': 'household',
  'household.claim_declined': 'household',
  'household.declare': 'household',
  'household.member_add': 'household',
  'household.member_remove': 'household',
  'household.fact.verify': 'household',
  'fact.verify': 'household',
  'assist.declare': 'household',
  'assist.member_add': 'household',
  'assist.member_remove': 'household',

  // Personal data shown in clear.
  'pii.reveal': 'pii',
  'household.pii.reveal': 'pii',

  // Applications: the resident's, the cadre's and the official's steps, objections on notice.
  'application.create': 'application',
  'application.submit': 'application',
  'application.resubmit': 'application',
  'application.return': 'application',
  'application.withdraw': 'application',
  'application.recommend': 'application',
  'application.reject': 'application',
  'application.publish': 'application',
  'application.review_again': 'application',
  'application.approve': 'application',
  'application.decline': 'application',
  'application.fulfil': 'application',
  'application.appeal': 'application',
  'application.grant_appeal': 'application',
  'application.deny_appeal': 'application',
  'application.enrol': 'application',
  'application.mark_paid': 'application',
  'application.payment_failed': 'application',
  'application.confirm_waiver': 'application',
  'application.expire': 'application',
  'application.save_own': 'application',
  'application.withdraw_own': 'application',
  'application.appeal_own': 'application',
  'assist.application_save': 'application',
  'case.transition.cadre': 'application',
  'case.decide': 'application',
  'case.approve_batch': 'application',
  'case.fact.verify': 'application',
  'case.fulfil': 'application',
  'notice.object': 'application',
  'objection.lodge': 'application',
  'objection.answer': 'application',

  // Grievances (诉求).
  'grievance.file': 'grievance',
  'assist.grievance_file': 'grievance',
  'grievance.respond': 'grievance',
  'grievance.resolve': 'grievance',
  'grievance.close': 'grievance',
  'grievance.reopen': 'grievance',
  'grievance.escalate': 'grievance',
  'grievance.reassign': 'grievance',

  // Home visits.
  'visit.record': 'visit',
  'visit.needs.file': 'visit',
  'visit.list_more': 'visit',

  // Handing out: pickup codes, repair work orders, fee waivers on the spot.
  'handout.code.check': 'handout',
  'handout.pickup_code': 'handout',
  'handout.materials.issue': 'handout',
  'handout.waiver.apply': 'handout',
  'handout.work_order.schedule': 'handout',
  'handout.work_order.close': 'handout',
  'work_order.schedule': 'handout',
  'work_order.done': 'handout',
  'work_order.impossible': 'handout',

  // Building-material stock.
  'stock.point.create': 'stock',
  'stock.point.update': 'stock',
  'stock.point.close': 'stock',
  'stock.point.reopen': 'stock',
  'stock.receive': 'stock',
  'stock.correct': 'stock',

  // Money: budgets, enrolment without application (免申即享), payment batches, payee accounts.
  'budget.allocate': 'money',
  'budget.adjust': 'money',
  'enrolment.run': 'money',
  'payment.batch.build': 'money',
  'payment.batch.send': 'money',
  'payment.batch.sent': 'money',
  'payment.batch.close': 'money',
  'payee.save_own': 'money',
  'payee.save_in_place': 'money',
  'payee.capture': 'money',
  'payee.change': 'money',

  // Fee-waiver companies and lists.
  'waiver.company.create': 'waiver',
  'waiver.company.assign': 'waiver',
  'waiver.company.unassign': 'waiver',
  'waiver.list.make': 'waiver',
  'waiver.list.confirm': 'waiver',
  'waiver.list.cancel': 'waiver',

  // Programme settings.
  'programme.update': 'programme',
  'programme.grievance_limit.update': 'programme',
  'grievance_limit.update': 'programme',

  // Uploaded files.
  'upload.create': 'upload',
  'upload.attach': 'upload',
  'upload.delete': 'upload',

  // Ledger exports (an export in clear is refused under export.reveal).
  'export.queue': 'export',
  'export.decisions': 'export',
  'export.grievances': 'export',
  'export.visits': 'export',
  'export.work_orders': 'export',
  'export.payments': 'export',
  'export.payment_batch': 'export',
  'export.stock_ledger': 'export',
  'export.waiver_list': 'export',
  'export.audit': 'export',
  'export.reveal': 'export',

  // The log itself, notifications, the demo data.
  'audit.verify': 'system',
  'notification.open': 'system',
  'notification.readAll': 'system',
  'cadre.notification.open': 'system',
  'cadre.notification.readAll': 'system',
  'seed.demo': 'system',
} as const satisfies Record<string, AuditGroup>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** Every name, in the registry's order. */
export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as AuditAction[];

export function isAuditAction(name: string): name is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, name);
}

/** The steps of an application that record an event and an audit row `application.<step>` (server/applications/record-event.ts). */
export type ApplicationAuditStep = TransitionAction | 'payment_failed';
