CREATE TYPE "public"."calendar_day_kind" AS ENUM('holiday', 'workday');--> statement-breakpoint
CREATE TYPE "public"."clock_state" AS ENUM('running', 'paused', 'stopped');--> statement-breakpoint
CREATE TYPE "public"."commitment_metric" AS ENUM('first_response', 'on_site', 'resolution');--> statement-breakpoint
CREATE TYPE "public"."escalation_trigger" AS ENUM('at_risk', 'breached');--> statement-breakpoint
CREATE TABLE "business_calendars" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"time_zone" text DEFAULT 'Asia/Shanghai' NOT NULL,
	"is_24x7" boolean DEFAULT false NOT NULL,
	"week" jsonb NOT NULL,
	"china_holidays" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_days" (
	"tenant_id" uuid NOT NULL,
	"calendar_id" uuid NOT NULL,
	"day" date NOT NULL,
	"kind" "calendar_day_kind" NOT NULL,
	"name" text,
	"periods" jsonb,
	CONSTRAINT "calendar_days_calendar_id_day_pk" PRIMARY KEY("calendar_id","day")
);
--> statement-breakpoint
CREATE TABLE "calendar_years" (
	"tenant_id" uuid NOT NULL,
	"calendar_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"source" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_years_calendar_id_year_pk" PRIMARY KEY("calendar_id","year")
);
--> statement-breakpoint
CREATE TABLE "commitment_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"ticket_type" "ticket_type" NOT NULL,
	"priority" "ticket_priority" NOT NULL,
	"metric" "commitment_metric" NOT NULL,
	"promise_minutes" integer NOT NULL,
	"internal_minutes" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "escalation_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"metric" "commitment_metric" NOT NULL,
	"trigger" "escalation_trigger" NOT NULL,
	"against" text DEFAULT 'promise' NOT NULL,
	"threshold_pct" smallint DEFAULT 75 NOT NULL,
	"actions" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"ticket_id" uuid,
	"kind" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"included" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"excluded" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"paid" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tiers" text[] DEFAULT '{}'::text[] NOT NULL,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"customer_id" uuid,
	"valid_from" date,
	"valid_to" date,
	"calendar_id" uuid NOT NULL,
	"rank" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_commitments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"metric" "commitment_metric" NOT NULL,
	"agreement_id" uuid,
	"calendar_id" uuid,
	"promise_minutes" integer NOT NULL,
	"internal_minutes" integer NOT NULL,
	"state" "clock_state" DEFAULT 'running' NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"consumed_minutes" bigint DEFAULT 0 NOT NULL,
	"segment_started_at" timestamp with time zone,
	"promise_due_at" timestamp with time zone,
	"internal_due_at" timestamp with time zone,
	"at_risk_due_at" timestamp with time zone,
	"stopped_at" timestamp with time zone,
	"met_promise" boolean,
	"met_internal" boolean,
	"margin_minutes" integer,
	"at_risk_at" timestamp with time zone,
	"breached_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "agreement_id" uuid;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "next_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "business_calendars" ADD CONSTRAINT "business_calendars_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_days" ADD CONSTRAINT "calendar_days_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_days" ADD CONSTRAINT "calendar_days_calendar_id_business_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."business_calendars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_years" ADD CONSTRAINT "calendar_years_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_years" ADD CONSTRAINT "calendar_years_calendar_id_business_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."business_calendars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_targets" ADD CONSTRAINT "commitment_targets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_targets" ADD CONSTRAINT "commitment_targets_agreement_id_service_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."service_agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalation_rules" ADD CONSTRAINT "escalation_rules_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_agreements" ADD CONSTRAINT "service_agreements_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_agreements" ADD CONSTRAINT "service_agreements_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_agreements" ADD CONSTRAINT "service_agreements_calendar_id_business_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."business_calendars"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_commitments" ADD CONSTRAINT "ticket_commitments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_commitments" ADD CONSTRAINT "ticket_commitments_agreement_id_service_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."service_agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_commitments" ADD CONSTRAINT "ticket_commitments_calendar_id_business_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."business_calendars"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "business_calendars_name_uq" ON "business_calendars" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "commitment_targets_uq" ON "commitment_targets" USING btree ("agreement_id","ticket_type","priority","metric");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("tenant_id","user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "service_agreements_code_uq" ON "service_agreements" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "ticket_commitments_uq" ON "ticket_commitments" USING btree ("ticket_id","metric");--> statement-breakpoint
CREATE INDEX "ticket_commitments_due_idx" ON "ticket_commitments" USING btree ("tenant_id","state","promise_due_at");--> statement-breakpoint
CREATE INDEX "ticket_commitments_sweep_breach_idx" ON "ticket_commitments" USING btree ("promise_due_at") WHERE state = 'running' AND breached_at IS NULL;--> statement-breakpoint
CREATE INDEX "ticket_commitments_sweep_risk_idx" ON "ticket_commitments" USING btree ("at_risk_due_at") WHERE state = 'running' AND at_risk_at IS NULL;--> statement-breakpoint
CREATE INDEX "ticket_commitments_calendar_idx" ON "ticket_commitments" USING btree ("calendar_id","state","id");--> statement-breakpoint
CREATE INDEX "tickets_due_idx" ON "tickets" USING btree ("tenant_id","next_due_at","id");