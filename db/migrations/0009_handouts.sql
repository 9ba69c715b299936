ALTER TABLE "work_orders" ADD COLUMN "unit_no" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "impossible_reason" text;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX "applications_approved_decided_idx" ON "applications" USING btree ("programme_code","decided_at","id") WHERE "applications"."status" = 'approved';--> statement-breakpoint
CREATE INDEX "stock_movements_application_idx" ON "stock_movements" USING btree ("application_id") WHERE "stock_movements"."application_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_unit_uq" UNIQUE("application_id","appliance","unit_no");--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_appliance_known" CHECK ("work_orders"."appliance" IN ('boiler', 'heatPump'));--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_impossible_cancelled" CHECK ("work_orders"."impossible_reason" IS NULL OR "work_orders"."status" = 'cancelled');--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_closed_at" CHECK (("work_orders"."status" IN ('done', 'cancelled')) = ("work_orders"."closed_at" IS NOT NULL));--> statement-breakpoint
-- Repair cases approved before hand-outs existed get the work orders approval now makes: one
-- per unit granted (a unit that already has its order keeps it).
INSERT INTO "work_orders" ("application_id", "appliance", "unit_no")
SELECT a."id", u."appliance", g."n"
FROM "applications" a
CROSS JOIN LATERAL (VALUES ('boiler', COALESCE((a."entitlement"->'units'->>'boilers')::int, 0)), ('heatPump', COALESCE((a."entitlement"->'units'->>'heatPumps')::int, 0))) AS u("appliance", "units")
CROSS JOIN LATERAL generate_series(1, u."units") AS g("n")
WHERE a."programme_code" = 'appliance_repair' AND a."status" = 'approved' AND a."entitlement"->>'kind' = 'repair'
ON CONFLICT ("application_id", "appliance", "unit_no") DO NOTHING;
