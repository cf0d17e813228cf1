CREATE TYPE "public"."complaint_severity" AS ENUM('minor', 'serious', 'major');--> statement-breakpoint
CREATE TYPE "public"."complaint_step" AS ENUM('listen', 'calm', 'empathise', 'solve', 'agree', 'follow_up');--> statement-breakpoint
CREATE TYPE "public"."complaint_verdict" AS ENUM('satisfied', 'partly', 'not_satisfied');--> statement-breakpoint
CREATE TYPE "public"."complaint_remedy_kind" AS ENUM('apology', 'compensation', 'gift', 'redo');--> statement-breakpoint
CREATE TYPE "public"."complaint_remedy_status" AS ENUM('pending', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."complaint_win_back" AS ENUM('active', 'bought_again', 'churned');--> statement-breakpoint
CREATE TABLE "complaint_escalations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"complaint_id" uuid NOT NULL,
	"from_level" smallint NOT NULL,
	"to_level" smallint NOT NULL,
	"reason" text NOT NULL,
	"note" text,
	"by_id" uuid,
	"notified" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_remedies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"complaint_id" uuid NOT NULL,
	"kind" "complaint_remedy_kind" NOT NULL,
	"amount_fen" bigint DEFAULT 0 NOT NULL,
	"description" text NOT NULL,
	"status" "complaint_remedy_status" NOT NULL,
	"requested_by_id" uuid,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by_id" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"redo_ticket_id" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"causes" jsonb NOT NULL,
	"deadlines" jsonb NOT NULL,
	"approval_limits" jsonb NOT NULL,
	"level_alerts" jsonb NOT NULL,
	"win_back_days" integer DEFAULT 90 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_steps" (
	"tenant_id" uuid NOT NULL,
	"complaint_id" uuid NOT NULL,
	"step" "complaint_step" NOT NULL,
	"done_at" timestamp with time zone NOT NULL,
	"by_id" uuid,
	"note" text,
	CONSTRAINT "complaint_steps_complaint_id_step_pk" PRIMARY KEY("complaint_id","step")
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"verbatim" text NOT NULL,
	"severity" "complaint_severity" NOT NULL,
	"cause" text NOT NULL,
	"about_ticket_id" uuid,
	"about_visit_id" uuid,
	"about_technician_id" uuid,
	"about_unit_id" uuid,
	"level" smallint DEFAULT 1 NOT NULL,
	"acknowledge_due_at" timestamp with time zone NOT NULL,
	"resolve_due_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"acknowledge_breached_at" timestamp with time zone,
	"resolve_breached_at" timestamp with time zone,
	"verdict" "complaint_verdict",
	"verdict_note" text,
	"verdict_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"value_at_close_fen" bigint,
	"win_back" "complaint_win_back",
	"win_back_reviewed_at" timestamp with time zone,
	"win_back_reviewed_by_id" uuid,
	"win_back_note" text,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "complaint_escalations" ADD CONSTRAINT "complaint_escalations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_escalations" ADD CONSTRAINT "complaint_escalations_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_remedies" ADD CONSTRAINT "complaint_remedies_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_remedies" ADD CONSTRAINT "complaint_remedies_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_remedies" ADD CONSTRAINT "complaint_remedies_redo_ticket_id_tickets_id_fk" FOREIGN KEY ("redo_ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_settings" ADD CONSTRAINT "complaint_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_steps" ADD CONSTRAINT "complaint_steps_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_steps" ADD CONSTRAINT "complaint_steps_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_about_ticket_id_tickets_id_fk" FOREIGN KEY ("about_ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_about_visit_id_visits_id_fk" FOREIGN KEY ("about_visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_about_technician_id_users_id_fk" FOREIGN KEY ("about_technician_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_about_unit_id_units_id_fk" FOREIGN KEY ("about_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaint_escalations_complaint_idx" ON "complaint_escalations" USING btree ("complaint_id","created_at");--> statement-breakpoint
CREATE INDEX "complaint_remedies_complaint_idx" ON "complaint_remedies" USING btree ("complaint_id");--> statement-breakpoint
CREATE INDEX "complaint_remedies_pending_idx" ON "complaint_remedies" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_ticket_uq" ON "complaints" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "complaints_tenant_created_idx" ON "complaints" USING btree ("tenant_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "complaints_customer_idx" ON "complaints" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "complaints_closed_idx" ON "complaints" USING btree ("tenant_id","closed_at");--> statement-breakpoint
CREATE INDEX "complaints_sweep_ack_idx" ON "complaints" USING btree ("acknowledge_due_at") WHERE acknowledged_at IS NULL AND acknowledge_breached_at IS NULL;--> statement-breakpoint
CREATE INDEX "complaints_sweep_resolve_idx" ON "complaints" USING btree ("resolve_due_at") WHERE resolved_at IS NULL AND resolve_breached_at IS NULL;