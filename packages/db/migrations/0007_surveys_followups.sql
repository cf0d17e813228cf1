CREATE TYPE "public"."campaign_action" AS ENUM('followup', 'ticket');--> statement-breakpoint
CREATE TYPE "public"."campaign_status" AS ENUM('draft', 'running', 'done', 'failed');--> statement-breakpoint
CREATE TYPE "public"."followup_attempt_result" AS ENUM('no_answer', 'busy', 'wrong_number', 'reached');--> statement-breakpoint
CREATE TYPE "public"."followup_reason" AS ENUM('resolution', 'complaint', 'vip', 'campaign', 'manual');--> statement-breakpoint
CREATE TYPE "public"."followup_status" AS ENUM('open', 'done', 'unreachable', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."survey_invitation_status" AS ENUM('pending', 'sent', 'answered');--> statement-breakpoint
CREATE TYPE "public"."survey_measure" AS ENUM('csat', 'nps', 'ces', 'dimensions');--> statement-breakpoint
CREATE TYPE "public"."survey_trigger" AS ENUM('resolution', 'visit', 'campaign', 'followup_unreachable', 'manual');--> statement-breakpoint
CREATE TABLE "campaign_units" (
	"campaign_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"ticket_id" uuid,
	"followup_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_units_campaign_id_unit_id_pk" PRIMARY KEY("campaign_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"filter" jsonb NOT NULL,
	"action" "campaign_action" NOT NULL,
	"ticket_type" text,
	"due_at" timestamp with time zone,
	"status" "campaign_status" DEFAULT 'draft' NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_by_id" uuid,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "followup_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"followup_id" uuid NOT NULL,
	"result" "followup_attempt_result" NOT NULL,
	"note" text,
	"by_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "followups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"ticket_id" uuid,
	"unit_id" uuid,
	"campaign_id" uuid,
	"reason" "followup_reason" NOT NULL,
	"resolved_at" timestamp with time zone,
	"due_at" timestamp with time zone NOT NULL,
	"status" "followup_status" DEFAULT 'open' NOT NULL,
	"assignee_id" uuid,
	"attempt_count" integer DEFAULT 0 NOT NULL,
	"reached" boolean,
	"problem_resolved" boolean,
	"satisfaction" smallint,
	"new_issue" boolean,
	"new_ticket_id" uuid,
	"outcome_note" text,
	"completed_at" timestamp with time zone,
	"completed_by_id" uuid,
	"survey_invitation_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "satisfaction_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"followup_delay_hours" integer DEFAULT 24 NOT NULL,
	"followup_sample_percent" integer DEFAULT 30 NOT NULL,
	"followup_max_attempts" integer DEFAULT 3 NOT NULL,
	"survey_on_resolution" boolean DEFAULT true NOT NULL,
	"resolution_template_id" uuid,
	"followup_template_id" uuid,
	"survey_link_days" integer DEFAULT 14 NOT NULL,
	"csat_max" smallint DEFAULT 2 NOT NULL,
	"nps_max" smallint DEFAULT 6 NOT NULL,
	"ces_min" smallint DEFAULT 5 NOT NULL,
	"gap_max" smallint DEFAULT -2 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"ticket_id" uuid,
	"followup_id" uuid,
	"campaign_id" uuid,
	"trigger" "survey_trigger" NOT NULL,
	"source_key" text NOT NULL,
	"status" "survey_invitation_status" DEFAULT 'pending' NOT NULL,
	"sent_via" text,
	"sent_at" timestamp with time zone,
	"sent_by_id" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"invitation_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"ticket_id" uuid,
	"trigger" "survey_trigger" NOT NULL,
	"team_id" uuid,
	"assignee_id" uuid,
	"csat" smallint,
	"nps" smallint,
	"ces" smallint,
	"exp_tangibles" smallint,
	"per_tangibles" smallint,
	"exp_empathy" smallint,
	"per_empathy" smallint,
	"exp_professionalism" smallint,
	"per_professionalism" smallint,
	"exp_speed" smallint,
	"per_speed" smallint,
	"exp_credibility" smallint,
	"per_credibility" smallint,
	"comment" text,
	"comment_kind" text,
	"dissatisfied" boolean DEFAULT false NOT NULL,
	"dissatisfied_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"recovery_ticket_id" uuid,
	"lang" text DEFAULT 'zh' NOT NULL,
	"responded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"measures" "survey_measure"[] NOT NULL,
	"ask_comment" boolean DEFAULT true NOT NULL,
	"intro_zh" text,
	"intro_en" text,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaign_units" ADD CONSTRAINT "campaign_units_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_units" ADD CONSTRAINT "campaign_units_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_attempts" ADD CONSTRAINT "followup_attempts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_attempts" ADD CONSTRAINT "followup_attempts_followup_id_followups_id_fk" FOREIGN KEY ("followup_id") REFERENCES "public"."followups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followups" ADD CONSTRAINT "followups_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followups" ADD CONSTRAINT "followups_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followups" ADD CONSTRAINT "followups_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followups" ADD CONSTRAINT "followups_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_settings" ADD CONSTRAINT "satisfaction_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_template_id_survey_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."survey_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_invitation_id_survey_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."survey_invitations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_templates" ADD CONSTRAINT "survey_templates_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaigns_tenant_idx" ON "campaigns" USING btree ("tenant_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "followup_attempts_followup_idx" ON "followup_attempts" USING btree ("followup_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "followups_resolution_uq" ON "followups" USING btree ("tenant_id","ticket_id","resolved_at") WHERE "followups"."ticket_id" IS NOT NULL AND "followups"."campaign_id" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "followups_campaign_unit_uq" ON "followups" USING btree ("campaign_id","unit_id") WHERE "followups"."campaign_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "followups_worklist_idx" ON "followups" USING btree ("tenant_id","status","due_at","id");--> statement-breakpoint
CREATE INDEX "followups_customer_idx" ON "followups" USING btree ("tenant_id","customer_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "survey_invitations_source_uq" ON "survey_invitations" USING btree ("tenant_id","source_key");--> statement-breakpoint
CREATE INDEX "survey_invitations_customer_idx" ON "survey_invitations" USING btree ("tenant_id","customer_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "survey_invitations_ticket_idx" ON "survey_invitations" USING btree ("tenant_id","ticket_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_invitation_uq" ON "survey_responses" USING btree ("invitation_id");--> statement-breakpoint
CREATE INDEX "survey_responses_tenant_time_idx" ON "survey_responses" USING btree ("tenant_id","responded_at");--> statement-breakpoint
CREATE INDEX "survey_responses_customer_idx" ON "survey_responses" USING btree ("tenant_id","customer_id","responded_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "survey_templates_name_uq" ON "survey_templates" USING btree ("tenant_id","name");