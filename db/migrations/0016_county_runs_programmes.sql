CREATE TYPE "public"."budget_movement_kind" AS ENUM('allocate', 'adjust', 'commit', 'release', 'pay', 'unpay');--> statement-breakpoint
CREATE TYPE "public"."company_kind" AS ENUM('heating', 'property');--> statement-breakpoint
CREATE TYPE "public"."payee_account_kind" AS ENUM('bank_card', 'social_security_card');--> statement-breakpoint
CREATE TYPE "public"."payment_item_status" AS ENUM('pending', 'paid', 'failed');--> statement-breakpoint
CREATE TYPE "public"."waiver_list_status" AS ENUM('exported', 'confirmed', 'cancelled');--> statement-breakpoint
ALTER TYPE "public"."payment_batch_status" ADD VALUE 'partly_failed';--> statement-breakpoint
CREATE TABLE "budget_movements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"programme_code" "programme_code" NOT NULL,
	"kind" "budget_movement_kind" NOT NULL,
	"total_delta_yuan" bigint DEFAULT 0 NOT NULL,
	"remaining_delta_yuan" bigint DEFAULT 0 NOT NULL,
	"paid_delta_yuan" bigint DEFAULT 0 NOT NULL,
	"application_id" uuid,
	"batch_id" uuid,
	"enrolment_run_id" uuid,
	"actor_id" uuid,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enrolment_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_code" "programme_code" NOT NULL,
	"run_by" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"enrolled" integer NOT NULL,
	"amount_yuan" bigint NOT NULL,
	"skipped_unverified" integer DEFAULT 0 NOT NULL,
	"programme_version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grievance_limits" (
	"category" "grievance_category" PRIMARY KEY NOT NULL,
	"respond_days" smallint DEFAULT 3 NOT NULL,
	"resolve_days" smallint DEFAULT 15 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grievance_limits_respond_range" CHECK ("grievance_limits"."respond_days" BETWEEN 1 AND 30),
	CONSTRAINT "grievance_limits_resolve_range" CHECK ("grievance_limits"."resolve_days" BETWEEN 1 AND 90),
	CONSTRAINT "grievance_limits_order" CHECK ("grievance_limits"."resolve_days" >= "grievance_limits"."respond_days")
);
--> statement-breakpoint
CREATE TABLE "payee_accounts" (
	"household_id" uuid PRIMARY KEY NOT NULL,
	"kind" "payee_account_kind" NOT NULL,
	"bank_name" text NOT NULL,
	"holder_name" text NOT NULL,
	"account_enc" text NOT NULL,
	"account_last4" text NOT NULL,
	"captured_by" uuid,
	"captured_role" text NOT NULL,
	"captured_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "place_companies" (
	"place_id" integer NOT NULL,
	"kind" "company_kind" NOT NULL,
	"company_id" integer NOT NULL,
	CONSTRAINT "place_companies_place_id_kind_pk" PRIMARY KEY("place_id","kind")
);
--> statement-breakpoint
CREATE TABLE "programme_versions" (
	"programme_code" "programme_code" NOT NULL,
	"version" integer NOT NULL,
	"params" jsonb NOT NULL,
	"notice_days" smallint NOT NULL,
	"active" boolean NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" text,
	CONSTRAINT "programme_versions_programme_code_version_pk" PRIMARY KEY("programme_code","version")
);
--> statement-breakpoint
CREATE TABLE "service_companies" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" "company_kind" NOT NULL,
	"name" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "service_companies_kind_name_uq" UNIQUE("kind","name")
);
--> statement-breakpoint
CREATE TABLE "waiver_list_items" (
	"list_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"live" boolean DEFAULT true NOT NULL,
	CONSTRAINT "waiver_list_items_list_id_application_id_pk" PRIMARY KEY("list_id","application_id")
);
--> statement-breakpoint
CREATE TABLE "waiver_lists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"programme_code" "programme_code" NOT NULL,
	"company_id" integer NOT NULL,
	"status" "waiver_list_status" DEFAULT 'exported' NOT NULL,
	"item_count" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"confirmation_note" text,
	CONSTRAINT "waiver_lists_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
ALTER TABLE "payment_items" DROP CONSTRAINT "payment_items_application_uq";--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "enrolment_run_id" uuid;--> statement-breakpoint
ALTER TABLE "budgets" ADD COLUMN "paid_yuan" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_batches" ADD COLUMN "item_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_batches" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_batches" ADD COLUMN "sent_by" uuid;--> statement-breakpoint
ALTER TABLE "payment_batches" ADD COLUMN "sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payment_batches" ADD COLUMN "closed_by" uuid;--> statement-breakpoint
ALTER TABLE "payment_batches" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payment_items" ADD COLUMN "status" "payment_item_status" DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_items" ADD COLUMN "failure_reason" text;--> statement-breakpoint
ALTER TABLE "programmes" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "stock_points" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "stock_points" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "budget_movements" ADD CONSTRAINT "budget_movements_programme_code_budgets_programme_code_fk" FOREIGN KEY ("programme_code") REFERENCES "public"."budgets"("programme_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_movements" ADD CONSTRAINT "budget_movements_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_movements" ADD CONSTRAINT "budget_movements_enrolment_run_id_enrolment_runs_id_fk" FOREIGN KEY ("enrolment_run_id") REFERENCES "public"."enrolment_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_movements" ADD CONSTRAINT "budget_movements_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolment_runs" ADD CONSTRAINT "enrolment_runs_programme_code_programmes_code_fk" FOREIGN KEY ("programme_code") REFERENCES "public"."programmes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolment_runs" ADD CONSTRAINT "enrolment_runs_run_by_users_id_fk" FOREIGN KEY ("run_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grievance_limits" ADD CONSTRAINT "grievance_limits_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payee_accounts" ADD CONSTRAINT "payee_accounts_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payee_accounts" ADD CONSTRAINT "payee_accounts_captured_by_users_id_fk" FOREIGN KEY ("captured_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_companies" ADD CONSTRAINT "place_companies_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_companies" ADD CONSTRAINT "place_companies_company_id_service_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."service_companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_versions" ADD CONSTRAINT "programme_versions_programme_code_programmes_code_fk" FOREIGN KEY ("programme_code") REFERENCES "public"."programmes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_versions" ADD CONSTRAINT "programme_versions_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waiver_list_items" ADD CONSTRAINT "waiver_list_items_list_id_waiver_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."waiver_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waiver_list_items" ADD CONSTRAINT "waiver_list_items_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waiver_lists" ADD CONSTRAINT "waiver_lists_programme_code_programmes_code_fk" FOREIGN KEY ("programme_code") REFERENCES "public"."programmes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waiver_lists" ADD CONSTRAINT "waiver_lists_company_id_service_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."service_companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waiver_lists" ADD CONSTRAINT "waiver_lists_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waiver_lists" ADD CONSTRAINT "waiver_lists_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "budget_movements_programme_at_idx" ON "budget_movements" USING btree ("programme_code","at","id");--> statement-breakpoint
CREATE INDEX "budget_movements_application_idx" ON "budget_movements" USING btree ("application_id") WHERE "budget_movements"."application_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "waiver_list_items_application_live_uq" ON "waiver_list_items" USING btree ("application_id") WHERE "waiver_list_items"."live";--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_enrolment_run_id_enrolment_runs_id_fk" FOREIGN KEY ("enrolment_run_id") REFERENCES "public"."enrolment_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_batches" ADD CONSTRAINT "payment_batches_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_batches" ADD CONSTRAINT "payment_batches_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_items_application_live_uq" ON "payment_items" USING btree ("application_id") WHERE "payment_items"."status" <> 'failed';--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_paid_range" CHECK ("budgets"."paid_yuan" >= 0 AND "budgets"."paid_yuan" <= "budgets"."total_yuan" - "budgets"."remaining_yuan");--> statement-breakpoint
-- Version 1 of every programme's settings is what they are now.
INSERT INTO "programme_versions" ("programme_code", "version", "params", "notice_days", "active", "changed_by", "changed_at")
  SELECT "code", "version", "params", "notice_days", "active", "updated_by", "updated_at" FROM "programmes";--> statement-breakpoint
-- PRODUCT.md's default limits for every grievance category.
INSERT INTO "grievance_limits" ("category") SELECT unnest(enum_range(NULL::"grievance_category"));--> statement-breakpoint
-- The ledger opens with each budget line as it stands: its total allocated, and what was already committed.
INSERT INTO "budget_movements" ("programme_code", "kind", "total_delta_yuan", "remaining_delta_yuan", "note", "at")
  SELECT "programme_code", 'allocate', "total_yuan", "total_yuan", 'opening balance', "updated_at" FROM "budgets";--> statement-breakpoint
INSERT INTO "budget_movements" ("programme_code", "kind", "remaining_delta_yuan", "note", "at")
  SELECT "programme_code", 'commit', "remaining_yuan" - "total_yuan", 'opening balance', "updated_at" FROM "budgets" WHERE "remaining_yuan" <> "total_yuan";
--> statement-breakpoint
-- A programme row created by any path (npm run setup, the demo seed) gets its version-1 row; an
-- official's edit writes its own version row with who and why (server/programmes/update-programme.ts).
CREATE FUNCTION "programme_first_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "programme_versions" ("programme_code", "version", "params", "notice_days", "active", "changed_by", "changed_at")
    VALUES (NEW."code", NEW."version", NEW."params", NEW."notice_days", NEW."active", NEW."updated_by", NEW."updated_at")
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "programmes_first_version" AFTER INSERT ON "programmes" FOR EACH ROW EXECUTE FUNCTION "programme_first_version"();
