CREATE TYPE "public"."visit_status" AS ENUM('proposed', 'confirmed', 'checked_in', 'completed', 'missed', 'cancelled');--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"technician_id" uuid NOT NULL,
	"team_id" uuid,
	"status" "visit_status" DEFAULT 'proposed' NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"offered_windows" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"revisit_of_id" uuid,
	"reason" text,
	"customer_answer" text,
	"customer_preferred_time" text,
	"customer_note" text,
	"customer_answered_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"check_in_lat" double precision,
	"check_in_lng" double precision,
	"check_in_accuracy_m" double precision,
	"check_in_note" text,
	"work_done" text,
	"cause" text,
	"result" text,
	"reported_at" timestamp with time zone,
	"signature_attachment_id" uuid,
	"signed_by_name" text,
	"signed_at" timestamp with time zone,
	"checked_out_at" timestamp with time zone,
	"missed_reason" text,
	"cancel_reason" text,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_technician_id_users_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_revisit_of_id_visits_id_fk" FOREIGN KEY ("revisit_of_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_signature_attachment_id_attachments_id_fk" FOREIGN KEY ("signature_attachment_id") REFERENCES "public"."attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "visits_ticket_idx" ON "visits" USING btree ("tenant_id","ticket_id","window_start");--> statement-breakpoint
CREATE INDEX "visits_technician_day_idx" ON "visits" USING btree ("tenant_id","technician_id","window_start");--> statement-breakpoint
CREATE INDEX "visits_team_day_idx" ON "visits" USING btree ("tenant_id","team_id","window_start");--> statement-breakpoint
CREATE INDEX "visits_day_idx" ON "visits" USING btree ("tenant_id","window_start");