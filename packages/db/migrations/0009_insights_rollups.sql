CREATE TABLE "insight_daily" (
	"tenant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"dim" text NOT NULL,
	"dim_key" text NOT NULL,
	"tickets" integer DEFAULT 0 NOT NULL,
	"complaints" integer DEFAULT 0 NOT NULL,
	"compliments" integer DEFAULT 0 NOT NULL,
	"suggestions" integer DEFAULT 0 NOT NULL,
	"repairs" integer DEFAULT 0 NOT NULL,
	"complaint_causes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"complaints_closed" integer DEFAULT 0 NOT NULL,
	"complaint_handling_minutes" bigint DEFAULT 0 NOT NULL,
	"complaints_verdict" integer DEFAULT 0 NOT NULL,
	"complaints_winback_known" integer DEFAULT 0 NOT NULL,
	"complaints_won_back" integer DEFAULT 0 NOT NULL,
	"followups_done" integer DEFAULT 0 NOT NULL,
	"followups_reached" integer DEFAULT 0 NOT NULL,
	"responses" integer DEFAULT 0 NOT NULL,
	"csat_n" integer DEFAULT 0 NOT NULL,
	"csat_sum" integer DEFAULT 0 NOT NULL,
	"csat_satisfied" integer DEFAULT 0 NOT NULL,
	"nps_n" integer DEFAULT 0 NOT NULL,
	"nps_promoters" integer DEFAULT 0 NOT NULL,
	"nps_detractors" integer DEFAULT 0 NOT NULL,
	"ces_n" integer DEFAULT 0 NOT NULL,
	"ces_sum" integer DEFAULT 0 NOT NULL,
	"ces_easy" integer DEFAULT 0 NOT NULL,
	"gap_n" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"gap_exp_sum" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"gap_perc_sum" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "insight_daily_tenant_id_dim_dim_key_day_pk" PRIMARY KEY("tenant_id","dim","dim_key","day")
);
--> statement-breakpoint
CREATE TABLE "insight_watermarks" (
	"tenant_id" uuid NOT NULL,
	"source" text NOT NULL,
	"watermark" timestamp with time zone DEFAULT 'epoch' NOT NULL,
	"last_run_at" timestamp with time zone,
	"last_days" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "insight_watermarks_tenant_id_source_pk" PRIMARY KEY("tenant_id","source")
);
--> statement-breakpoint
ALTER TABLE "insight_daily" ADD CONSTRAINT "insight_daily_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_watermarks" ADD CONSTRAINT "insight_watermarks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;