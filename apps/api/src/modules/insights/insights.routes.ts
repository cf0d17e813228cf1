import {
  type InsightDrillRow,
  type InsightKpis,
  insightBreakdown,
  insightBreakdownQuery,
  insightDrillPage,
  insightDrillQuery,
  insightExportQuery,
  insightOverview,
  insightQuery,
  insightRefreshResult,
  monthlyReport,
  monthParams,
} from '@manyi/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contentDisposition, type ExportColumn, exportStream } from './insights.export';
import * as insights from './insights.service';

const reports = { permission: 'reports.read' as const };
const tags = ['insights'];

const pct = (v: number | null) => (v === null ? null : v);
const kpiColumns: ExportColumn<InsightKpis>[] = [
  { zh: '工单数', en: 'Work orders', value: (r) => r.tickets },
  { zh: '问卷回收', en: 'Responses', value: (r) => r.responses },
  { zh: 'CSAT 均分', en: 'CSAT', value: (r) => r.csat, numFmt: '0.00' },
  { zh: 'CSAT 满意率', en: 'CSAT satisfied', value: (r) => pct(r.csatSatisfiedRate), numFmt: '0.0%' },
  { zh: 'NPS', en: 'NPS', value: (r) => r.nps, numFmt: '0.0' },
  { zh: '推荐者', en: 'Promoters', value: (r) => r.promoters },
  { zh: '贬损者', en: 'Detractors', value: (r) => r.detractors },
  { zh: 'CES 均分', en: 'CES', value: (r) => r.ces, numFmt: '0.00' },
  { zh: '投诉', en: 'Complaints', value: (r) => r.complaints },
  { zh: '投诉结案', en: 'Complaints closed', value: (r) => r.complaintsClosed },
  { zh: '平均处理时长（小时）', en: 'Avg handling (h)', value: (r) => r.avgHandlingHours, numFmt: '0.0' },
  { zh: '挽回率', en: 'Win-back rate', value: (r) => pct(r.winBackRate), numFmt: '0.0%' },
  { zh: '回访完成', en: 'Follow-ups done', value: (r) => r.followupsDone },
  { zh: '回访接通率', en: 'Follow-up reach rate', value: (r) => pct(r.followupReachRate), numFmt: '0.0%' },
  { zh: '表扬', en: 'Compliments', value: (r) => r.compliments },
  { zh: '建议', en: 'Suggestions', value: (r) => r.suggestions },
];
const drillColumns: ExportColumn<InsightDrillRow>[] = [
  { zh: '工单号', en: 'Number', value: (r) => r.number },
  { zh: '类型', en: 'Type', value: (r) => r.type },
  { zh: '状态', en: 'Status', value: (r) => r.status },
  { zh: '主题', en: 'Subject', value: (r) => r.subject },
  { zh: '客户', en: 'Customer', value: (r) => r.customerName },
  { zh: '团队/服务网点', en: 'Team / service point', value: (r) => r.teamName },
  { zh: '处理人', en: 'Assignee', value: (r) => r.assigneeName },
  { zh: '计入时间', en: 'Counted at', value: (r) => r.at },
  { zh: '说明', en: 'Detail', value: (r) => r.detail },
];

async function* once<T>(rows: T[]) {
  yield rows;
}

export const insightRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/insights/overview',
    {
      config: reports,
      schema: {
        tags,
        summary: 'Satisfaction dashboard: CSAT/NPS/CES over time, gaps, complaint causes (Pareto), rates',
        querystring: insightQuery,
        response: { 200: insightOverview },
      },
    },
    async (request) => insights.getOverview(request.ctx(), request.query),
  );
  app.get(
    '/insights/breakdown',
    {
      config: reports,
      schema: {
        tags,
        summary: 'The period’s figures per team, technician, product category or province',
        querystring: insightBreakdownQuery,
        response: { 200: insightBreakdown },
      },
    },
    async (request) => insights.getBreakdown(request.ctx(), request.query),
  );
  app.get(
    '/insights/drill',
    {
      config: reports,
      schema: {
        tags,
        summary: 'The work orders behind a figure (keyset pages)',
        querystring: insightDrillQuery,
        response: { 200: insightDrillPage },
      },
    },
    async (request) => insights.findDrill(request.ctx(), request.query),
  );
  app.post(
    '/insights/refresh',
    {
      config: reports,
      schema: {
        tags,
        summary: 'Bring the dashboards’ daily figures up to date now (a job does it every minute)',
        response: { 200: insightRefreshResult },
      },
    },
    async (request) => insights.refreshNow(request.ctx()),
  );
  app.get(
    '/insights/report/:month',
    {
      config: reports,
      schema: {
        tags,
        summary: 'Monthly customer-satisfaction monitoring report (ISO 9001 8.2.1 / 9.1.2)',
        params: monthParams,
        response: { 200: monthlyReport },
      },
    },
    async (request) => insights.getMonthlyReport(request.ctx(), request.params.month),
  );

  // Exports: CSV (UTF-8 with BOM) or XLSX, streamed.
  const send = (reply: FastifyReply, format: 'csv' | 'xlsx', name: string, body: NodeJS.ReadableStream) =>
    reply
      .header(
        'content-type',
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      )
      .header('content-disposition', contentDisposition(`${name}.${format}`))
      .send(body);

  app.get(
    '/insights/export/overview',
    {
      config: reports,
      schema: {
        tags,
        summary: 'Export the dashboard’s series (one row per day, week or month)',
        querystring: insightQuery.extend(insightExportQuery.shape),
      },
    },
    async (request, reply) => {
      const ctx = request.ctx();
      const o = await insights.getOverview(ctx, request.query);
      const cols: ExportColumn<(typeof o.series)[number]>[] = [
        { zh: '日期', en: 'Period', value: (r) => r.bucket },
        ...kpiColumns,
      ];
      const stream = exportStream(request.query.format, ctx.lang, 'overview', cols, once(o.series));
      return send(reply, request.query.format, `insights-${o.from}-${o.to}`, stream);
    },
  );
  app.get(
    '/insights/export/breakdown',
    {
      config: reports,
      schema: {
        tags,
        summary: 'Export the per-team / technician / category / province table',
        querystring: insightBreakdownQuery.extend(insightExportQuery.shape),
      },
    },
    async (request, reply) => {
      const ctx = request.ctx();
      const b = await insights.getBreakdown(ctx, request.query);
      const cols: ExportColumn<(typeof b.rows)[number]>[] = [
        { zh: '维度', en: b.by, value: (r) => r.label },
        ...kpiColumns,
      ];
      const stream = exportStream(request.query.format, ctx.lang, b.by, cols, once(b.rows));
      return send(
        reply,
        request.query.format,
        `insights-${b.by}-${request.query.from}-${request.query.to}`,
        stream,
      );
    },
  );
  app.get(
    '/insights/export/drill',
    {
      config: reports,
      schema: {
        tags,
        summary: 'Export a drill-down list of work orders (all pages, streamed)',
        querystring: insightDrillQuery.extend(insightExportQuery.shape),
      },
    },
    async (request, reply) => {
      const ctx = request.ctx();
      const q = request.query;
      // Validate (and fail with a 4xx) before the stream starts.
      const first = await insights.findDrill(ctx, { ...q, limit: 200 });
      async function* pages() {
        let page = first;
        yield page.items;
        while (page.nextCursor) {
          page = await insights.findDrill(ctx, { ...q, limit: 200, cursor: page.nextCursor });
          yield page.items;
        }
      }
      const stream = exportStream(q.format, ctx.lang, q.metric, drillColumns, pages());
      return send(reply, q.format, `insights-${q.metric}-${q.from}-${q.to}`, stream);
    },
  );
};
