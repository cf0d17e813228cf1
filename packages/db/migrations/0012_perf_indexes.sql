CREATE INDEX "customers_search_cjk" ON "customers" USING gin (cjk_bigrams(search_text));--> statement-breakpoint
CREATE INDEX "tickets_unassigned_idx" ON "tickets" USING btree ("tenant_id","updated_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE assignee_id IS NULL;--> statement-breakpoint
CREATE INDEX "tickets_search_cjk" ON "tickets" USING gin (cjk_bigrams(search_text));