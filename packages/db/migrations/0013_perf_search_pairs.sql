DROP INDEX "customers_search_cjk";--> statement-breakpoint
DROP INDEX "tickets_search_cjk";--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "search_pairs" text[] GENERATED ALWAYS AS (cjk_bigrams("customers"."search_text")) STORED;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "search_pairs" text[] GENERATED ALWAYS AS (cjk_bigrams("tickets"."subject" || ' ' || "tickets"."description")) STORED;--> statement-breakpoint
CREATE INDEX "customers_search_pairs_gin" ON "customers" USING gin ("search_pairs");--> statement-breakpoint
CREATE INDEX "tickets_search_pairs_gin" ON "tickets" USING gin ("search_pairs");