CREATE TABLE "notice_entries" (
	"application_id" uuid PRIMARY KEY NOT NULL,
	"programme_code" "programme_code" NOT NULL,
	"place_path" text NOT NULL,
	"ends_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notice_entries" ADD CONSTRAINT "notice_entries_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notice_entries_order_idx" ON "notice_entries" USING btree ("programme_code","place_path","ends_at","application_id");--> statement-breakpoint
-- Keeps notice_entries equal to "applications in public notice, with their household's place
-- path", in the transaction of each change. Statements that touch no case in notice (before or
-- after) return at once: the common case for a resident's or a cadre's write.
CREATE OR REPLACE FUNCTION notice_entries_apply() RETURNS trigger AS $$
BEGIN
  -- Nested IFs: a query naming old_rows (or new_rows) is only parsed where that table exists.
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    IF EXISTS (SELECT 1 FROM old_rows WHERE status = 'in_public_notice') THEN
      DELETE FROM notice_entries e USING old_rows o WHERE e.application_id = o.id AND o.status = 'in_public_notice';
    END IF;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    IF EXISTS (SELECT 1 FROM new_rows WHERE status = 'in_public_notice') THEN
      INSERT INTO notice_entries (application_id, programme_code, place_path, ends_at)
      SELECT n.id, n.programme_code, p.path, coalesce(n.notice_ends_at, 'infinity'::timestamptz)
      FROM new_rows n JOIN households h ON h.id = n.household_id JOIN places p ON p.id = h.place_id
      WHERE n.status = 'in_public_notice'
      ON CONFLICT (application_id) DO UPDATE SET programme_code = EXCLUDED.programme_code, place_path = EXCLUDED.place_path, ends_at = EXCLUDED.ends_at;
    END IF;
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER notice_entries_ins AFTER INSERT ON applications REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notice_entries_apply();
--> statement-breakpoint
CREATE TRIGGER notice_entries_upd AFTER UPDATE ON applications REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notice_entries_apply();
--> statement-breakpoint
CREATE TRIGGER notice_entries_del AFTER DELETE ON applications REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION notice_entries_apply();
--> statement-breakpoint
-- A household that moves to another place takes its cases on the board with it.
CREATE OR REPLACE FUNCTION notice_entries_household_moved() RETURNS trigger AS $$
BEGIN
  UPDATE notice_entries e SET place_path = p.path
  FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN places p ON p.id = n.place_id, applications a
  WHERE o.place_id <> n.place_id AND a.household_id = n.id AND e.application_id = a.id;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER notice_entries_households_upd AFTER UPDATE ON households REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notice_entries_household_moved();
--> statement-breakpoint
-- Rebuilds the board from the applications (the migration itself; the county generator after its bulk load).
CREATE OR REPLACE FUNCTION notice_entries_rebuild() RETURNS void AS $$
  DELETE FROM notice_entries;
  INSERT INTO notice_entries (application_id, programme_code, place_path, ends_at)
  SELECT a.id, a.programme_code, p.path, coalesce(a.notice_ends_at, 'infinity'::timestamptz)
  FROM applications a JOIN households h ON h.id = a.household_id JOIN places p ON p.id = h.place_id
  WHERE a.status = 'in_public_notice';
$$ LANGUAGE sql;
--> statement-breakpoint
SELECT notice_entries_rebuild();
