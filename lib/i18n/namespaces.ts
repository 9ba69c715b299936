// The message namespaces each client component needs, handed over by <ClientMessages pick={…}>
// in the page around it (everything else stays on the server). Add a namespace here when a
// client component starts translating from it, including the keys the server answers with
// (field errors, describeResult's sentences); a missing one shows the key and is logged.
import type { MessagePath } from './pick';

/** Every form: its error summary title, yes/no, and the generic error sentences. */
const FORM = ['common', 'errors', 'validation'] as const satisfies readonly MessagePath[];

export const CLIENT_MESSAGES = {
  signIn: ['auth.signIn', 'errors'],
  register: [...FORM, 'register'],
  household: [...FORM, 'household'],
  damage: [...FORM, 'household', 'upload'],
  apply: [...FORM, 'apply', 'rules', 'rulesHousehold', 'materials', 'upload', 'workflow.refusals', 'countyProgrammes.closedForApplications'],
  /**
   * Withdraw and appeal on the resident's own case, with the refusal a withdrawal meets on an
   * approved cash case whose money is with the bank.
   */
  residentCase: [...FORM, 'track.withdraw', 'appeal', 'upload', 'workflow.refusals', 'cases.messages', 'countyPayments.messages.inPaymentBatch'],
  grievanceFile: [...FORM, 'grievances', 'household.place', 'upload'],
  grievanceResident: [...FORM, 'grievances'],
  grievanceCadre: [...FORM, 'cadreGrievances', 'grievances.refusals', 'grievances.errors'],
  /** components/cases/case-forms.tsx on the staff case pages and the decisions queue. */
  caseForms: [...FORM, 'cases', 'workflow.refusals', 'notice.messages', 'status', 'countyStock.refusals', 'countyBudgets.refusals'],
  /** components/households/household-forms.tsx on the cadre's household page (verify a fact, reveal a phone or ID number). */
  cadreHousehold: [...FORM, 'cadreHouseholds.verify', 'cadreHouseholds.reveal', 'cases.verify', 'cases.working', 'cases.messages', 'workflow.refusals'],
  /** The visit form (app/cadre/visits/new) with its photo upload. */
  cadreVisit: [...FORM, 'cadreVisits.form', 'cadreVisits.errors', 'cadreVisits.round', 'upload'],
  /** "File as a grievance" on a visit (app/cadre/visits/[id]). */
  cadreVisitNeeds: [...FORM, 'cadreVisits.needs', 'cadreVisits.errors', 'grievances.category'],
  /** The hand-out forms (app/cadre/handouts): pickup code, repair work orders, fee waivers. */
  cadreHandouts: [...FORM, 'cadreHandouts', 'materials'],
  /** The conflict-of-interest forms (app/account/relatives): own ID number, declare and withdraw a relative. */
  relatives: [...FORM, 'cadreRelatives'],
  /** The official's staff forms (app/county/staff): create, import, places, password reset, deactivation. */
  staffAdmin: [...FORM, 'staff', 'roles'],
  /** Assisted service (app/cadre/assist): register a household for someone without an account, confirm a claim, reveal the claimant's number. */
  cadreAssist: [...FORM, 'cadreAssist', 'household.place', 'household.kind', 'household.fields', 'household.errors.floor', 'household.errors.floorRange', 'cadreHouseholds.reveal', 'cases.working'],
  /** The resident's claim of a household a cadre kept for them (app/resident/household/claim). */
  householdClaim: [...FORM, 'cadreAssist.claim'],
  /** Change one's own password (app/account/password). */
  accountPassword: [...FORM, 'account.password'],
  /** The official's programme settings and grievance time-limit forms (app/county/programmes). */
  programmeSettings: [...FORM, 'countyProgrammes'],
  /** The 免申即享 enrolment form (app/county/enrolment): confirmation, result and its refusals. */
  countyEnrolment: [...FORM, 'countyEnrolment.result', 'countyEnrolment.enrolAll', 'countyEnrolment.working', 'countyEnrolment.confirm', 'countyEnrolment.errors'],
  /** The county's fee-waiver forms (app/county/waivers): companies and places, make, confirm and cancel a list. */
  countyWaivers: [...FORM, 'countyWaivers'],
  /** The official's stock forms (app/county/stock): open, edit or close a point, a delivery, a correction. */
  countyStock: [...FORM, 'countyStock'],
  /** The budget forms (app/county/budgets): new money and a correction of a line's total. */
  countyBudgets: [...FORM, 'countyBudgets'],
  /** The payee account card (components/payee) on the resident's and the cadre's household pages. */
  payee: [...FORM, 'payee', 'cadreHouseholds.reveal', 'cases.working'],
  /** The payment batch forms (app/county/payments). */
  countyPayments: [...FORM, 'countyPayments', 'payee.kind', 'workflow.refusals'],
  /** The official's 督办 and hand-over forms on a grievance (app/county/grievances/[id]). */
  countyGrievances: [...FORM, 'countyGrievances.escalate', 'countyGrievances.reassign', 'countyGrievances.errors', 'grievances.refusals', 'grievances.errors'],
  /** The audit log's chain check (app/county/audit). */
  countyAudit: [...FORM, 'countyAudit.verify'],
  /** The export buttons of every ledger (components/ledger): progress, cancel, reveal with a reason. */
  ledgerExport: [...FORM, 'ledgerExport'],
  /** The objection form on the public notice board. */
  objection: [...FORM, 'notice.object', 'notice.messages', 'cases.working', 'cases.messages', 'workflow.refusals'],
} as const satisfies Record<string, readonly MessagePath[]>;
