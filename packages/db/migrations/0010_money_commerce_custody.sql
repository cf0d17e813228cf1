CREATE TYPE "public"."charge_source" AS ENUM('quote_line', 'part_used');--> statement-breakpoint
CREATE TYPE "public"."payment_method" AS ENUM('cash', 'wechat', 'alipay', 'card', 'transfer');--> statement-breakpoint
CREATE TYPE "public"."price_item_kind" AS ENUM('part', 'labour', 'call_out', 'service');--> statement-breakpoint
CREATE TYPE "public"."quote_status" AS ENUM('draft', 'sent', 'accepted', 'declined', 'expired');--> statement-breakpoint
CREATE TYPE "public"."custody_incident_kind" AS ENUM('loss', 'damage');--> statement-breakpoint
CREATE TYPE "public"."custody_kind" AS ENUM('unit', 'part', 'keys', 'document', 'other');--> statement-breakpoint
CREATE TYPE "public"."custody_status" AS ENUM('held', 'returned', 'lost');--> statement-breakpoint
CREATE TYPE "public"."customer_notify_channel" AS ENUM('phone', 'in_person', 'letter', 'sms');--> statement-breakpoint
CREATE TABLE "charges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"source" charge_source NOT NULL,
	"quote_line_id" uuid,
	"price_item_id" uuid,
	"description" text NOT NULL,
	"quantity" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"coverage" jsonb,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"method" "payment_method" NOT NULL,
	"amount_fen" bigint NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"reference" text,
	"received_at" timestamp with time zone NOT NULL,
	"recorded_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "price_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" "price_item_kind" NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"price_fen" integer NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"part_class" text,
	"category" text,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quote_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"quote_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"price_item_id" uuid,
	"kind" "price_item_kind" NOT NULL,
	"code" text,
	"name" text NOT NULL,
	"part_class" text,
	"quantity" integer NOT NULL,
	"list_price_fen" integer NOT NULL,
	"unit_price_fen" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"coverage" jsonb,
	"ad_hoc_reason" text
);
--> statement-breakpoint
CREATE TABLE "quotes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"status" "quote_status" DEFAULT 'draft' NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"list_total_fen" bigint DEFAULT 0 NOT NULL,
	"total_fen" bigint DEFAULT 0 NOT NULL,
	"note" text,
	"valid_until" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_via" text,
	"decided_by_name" text,
	"decided_by_user_id" uuid,
	"decline_reason" text,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "custody_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"holder_user_id" uuid,
	"holder_name" text,
	"location" text,
	"note" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor_id" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "custody_incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"kind" "custody_incident_kind" NOT NULL,
	"description" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"reported_by_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"notified_via" "customer_notify_channel",
	"notified_at" timestamp with time zone,
	"notified_by_id" uuid,
	"notified_what" text,
	"resolution" text,
	"closed_at" timestamp with time zone,
	"closed_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "custody_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"team_id" uuid,
	"kind" "custody_kind" NOT NULL,
	"description" text NOT NULL,
	"serial_number" text,
	"condition" text NOT NULL,
	"photo_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"status" "custody_status" DEFAULT 'held' NOT NULL,
	"holder_user_id" uuid,
	"holder_name" text NOT NULL,
	"location" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"due_back_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"returned_to_name" text,
	"return_sign_off" text,
	"return_signature" text,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "charges" ADD CONSTRAINT "charges_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charges" ADD CONSTRAINT "charges_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charges" ADD CONSTRAINT "charges_quote_line_id_quote_lines_id_fk" FOREIGN KEY ("quote_line_id") REFERENCES "public"."quote_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charges" ADD CONSTRAINT "charges_price_item_id_price_items_id_fk" FOREIGN KEY ("price_item_id") REFERENCES "public"."price_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_items" ADD CONSTRAINT "price_items_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_lines" ADD CONSTRAINT "quote_lines_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_lines" ADD CONSTRAINT "quote_lines_quote_id_quotes_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."quotes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_lines" ADD CONSTRAINT "quote_lines_price_item_id_price_items_id_fk" FOREIGN KEY ("price_item_id") REFERENCES "public"."price_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_events" ADD CONSTRAINT "custody_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_events" ADD CONSTRAINT "custody_events_item_id_custody_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."custody_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_incidents" ADD CONSTRAINT "custody_incidents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_incidents" ADD CONSTRAINT "custody_incidents_item_id_custody_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."custody_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_items" ADD CONSTRAINT "custody_items_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_items" ADD CONSTRAINT "custody_items_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_items" ADD CONSTRAINT "custody_items_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_items" ADD CONSTRAINT "custody_items_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "charges_ticket_idx" ON "charges" USING btree ("tenant_id","ticket_id");--> statement-breakpoint
CREATE UNIQUE INDEX "charges_quote_line_uq" ON "charges" USING btree ("quote_line_id");--> statement-breakpoint
CREATE INDEX "payments_ticket_idx" ON "payments" USING btree ("tenant_id","ticket_id");--> statement-breakpoint
CREATE UNIQUE INDEX "price_items_code_uq" ON "price_items" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "price_items_kind_idx" ON "price_items" USING btree ("tenant_id","kind","active");--> statement-breakpoint
CREATE INDEX "quote_lines_quote_idx" ON "quote_lines" USING btree ("quote_id","position");--> statement-breakpoint
CREATE INDEX "quotes_ticket_idx" ON "quotes" USING btree ("tenant_id","ticket_id","created_at");--> statement-breakpoint
CREATE INDEX "custody_events_item_idx" ON "custody_events" USING btree ("item_id","id");--> statement-breakpoint
CREATE INDEX "custody_incidents_item_idx" ON "custody_incidents" USING btree ("tenant_id","item_id");--> statement-breakpoint
CREATE INDEX "custody_items_team_idx" ON "custody_items" USING btree ("tenant_id","team_id","status");--> statement-breakpoint
CREATE INDEX "custody_items_ticket_idx" ON "custody_items" USING btree ("tenant_id","ticket_id");--> statement-breakpoint
CREATE INDEX "custody_items_list_idx" ON "custody_items" USING btree ("tenant_id","received_at","id");