CREATE TYPE "public"."auto_dispatch" AS ENUM('off', 'top_candidate');--> statement-breakpoint
CREATE TYPE "public"."dispatch_status" AS ENUM('offered', 'assigned', 'refused', 'expired', 'superseded');--> statement-breakpoint
CREATE TYPE "public"."service_point_ownership" AS ENUM('own', 'partner');--> statement-breakpoint
CREATE TABLE "dispatch_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"auto_dispatch" "auto_dispatch" DEFAULT 'off' NOT NULL,
	"partner_response_minutes" integer DEFAULT 120 NOT NULL,
	"max_distance_km" integer DEFAULT 60 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispatches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"service_point_id" uuid NOT NULL,
	"technician_id" uuid,
	"status" "dispatch_status" NOT NULL,
	"mode" text DEFAULT 'manual' NOT NULL,
	"rank" integer,
	"score" real,
	"override_reason" text,
	"respond_by" timestamp with time zone,
	"responded_at" timestamp with time zone,
	"responded_by_id" uuid,
	"refusal_reason" text,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_point_profiles" (
	"team_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"ownership" "service_point_ownership" DEFAULT 'partner' NOT NULL,
	"province_code" text NOT NULL,
	"city_code" text NOT NULL,
	"district_code" text,
	"province" text NOT NULL,
	"city" text NOT NULL,
	"district" text,
	"address_detail" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"coverage_region_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"coverage_radius_km" integer DEFAULT 30 NOT NULL,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "technician_certifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"category" text,
	"issued_on" date NOT NULL,
	"expires_on" date NOT NULL,
	"exam_score" integer NOT NULL,
	"issuer" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "technician_leave" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "technician_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"job_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"base_lat" double precision NOT NULL,
	"base_lng" double precision NOT NULL,
	"base_address" text,
	"daily_capacity" integer DEFAULT 6 NOT NULL,
	"calendar_id" uuid,
	"phone" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dispatch_settings" ADD CONSTRAINT "dispatch_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_service_point_id_teams_id_fk" FOREIGN KEY ("service_point_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_technician_id_users_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_point_profiles" ADD CONSTRAINT "service_point_profiles_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_point_profiles" ADD CONSTRAINT "service_point_profiles_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "technician_certifications" ADD CONSTRAINT "technician_certifications_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "technician_certifications" ADD CONSTRAINT "technician_certifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "technician_leave" ADD CONSTRAINT "technician_leave_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "technician_leave" ADD CONSTRAINT "technician_leave_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "technician_profiles" ADD CONSTRAINT "technician_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "technician_profiles" ADD CONSTRAINT "technician_profiles_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "technician_profiles" ADD CONSTRAINT "technician_profiles_calendar_id_business_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."business_calendars"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dispatches_ticket_idx" ON "dispatches" USING btree ("ticket_id","created_at");--> statement-breakpoint
CREATE INDEX "dispatches_point_idx" ON "dispatches" USING btree ("tenant_id","service_point_id","status","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "dispatches_live_uq" ON "dispatches" USING btree ("ticket_id") WHERE status IN ('offered', 'assigned');--> statement-breakpoint
CREATE INDEX "dispatches_respond_by_idx" ON "dispatches" USING btree ("respond_by") WHERE status = 'offered';--> statement-breakpoint
CREATE INDEX "service_point_profiles_geo_idx" ON "service_point_profiles" USING btree ("tenant_id","lat","lng");--> statement-breakpoint
CREATE INDEX "service_point_profiles_coverage_gin" ON "service_point_profiles" USING gin ("coverage_region_codes");--> statement-breakpoint
CREATE INDEX "technician_certifications_user_idx" ON "technician_certifications" USING btree ("user_id","expires_on");--> statement-breakpoint
CREATE INDEX "technician_certifications_expiry_idx" ON "technician_certifications" USING btree ("tenant_id","expires_on");--> statement-breakpoint
CREATE INDEX "technician_leave_user_idx" ON "technician_leave" USING btree ("user_id","ends_on");--> statement-breakpoint
CREATE INDEX "technician_profiles_geo_idx" ON "technician_profiles" USING btree ("tenant_id","base_lat","base_lng");--> statement-breakpoint
CREATE INDEX "technician_profiles_categories_gin" ON "technician_profiles" USING gin ("categories");--> statement-breakpoint
CREATE INDEX "technician_profiles_job_types_gin" ON "technician_profiles" USING gin ("job_types");