import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import type { InsightKpis, MonthlyReport } from '@manyi/contracts';
import { Button, DatePicker, Flex, Result, Skeleton } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { currentLanguage } from '../../../app/i18n';
import { errorText } from '../../../shared/api-errors';
import { formatDateTime, safeTimeZone } from '../../../shared/format';
import { useMonthlyReport } from '../api';

// Print styles: A4, no app chrome (menu, header, buttons), tables kept whole across pages.
const printCss = `
.mr-doc { background: #fff; color: #111; max-width: 960px; margin: 0 auto; padding: 32px 40px;
  font-size: 13px; line-height: 1.6; box-shadow: 0 1px 6px rgba(0,0,0,.08); }
.mr-doc h1 { font-size: 22px; margin: 0 0 4px; text-align: center; }
.mr-doc h2 { font-size: 15px; margin: 22px 0 8px; border-bottom: 2px solid #1668dc; padding-bottom: 2px; }
.mr-doc h3 { font-size: 13px; margin: 12px 0 6px; }
.mr-doc .mr-meta { text-align: center; color: #555; font-size: 12px; }
.mr-doc table { width: 100%; border-collapse: collapse; margin: 4px 0 8px; }
.mr-doc th, .mr-doc td { border: 1px solid #bbb; padding: 3px 8px; text-align: left; }
.mr-doc th { background: #f0f4fa; font-weight: 600; }
.mr-doc td.n, .mr-doc th.n { text-align: right; font-variant-numeric: tabular-nums; }
.mr-doc .mr-up { color: #389e0d; } .mr-doc .mr-down { color: #cf1322; }
.mr-doc .mr-sign { margin-top: 36px; color: #333; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { background: #fff !important; }
  .ant-layout-sider, .ant-layout-header, .mr-toolbar, [data-app-chrome] { display: none !important; }
  .ant-layout, .ant-layout-content { margin: 0 !important; padding: 0 !important; background: #fff !important; }
  .mr-doc { box-shadow: none; padding: 0; max-width: none; }
  .mr-doc table, .mr-doc h2 { break-inside: avoid; }
}`;

const pct = (v: number | null) => (v === null ? '—' : `${(Math.round(v * 1000) / 10).toFixed(1)}%`);
const n2 = (v: number | null, d = 2) => (v === null ? '—' : v.toFixed(d));

/** /insights/report/:yyyy-mm — the printable monthly customer-satisfaction monitoring report. */
export function MonthlyReportPage() {
  const { month = '' } = useParams();
  const { t } = useTranslation('insights');
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const report = useMonthlyReport(valid ? month : '1970-01');
  return (
    <div>
      <style>{printCss}</style>
      <Flex className="mr-toolbar" justify="space-between" gap={8} wrap style={{ marginBottom: 16 }}>
        <Link to="/insights">
          <Button icon={<ArrowLeftOutlined />}>{t('report.back')}</Button>
        </Link>
        <Flex gap={8}>
          <DatePicker
            picker="month"
            aria-label={t('report.month')}
            allowClear={false}
            value={valid ? dayjs(`${month}-01`) : undefined}
            onChange={(v) => v && navigate(`/insights/report/${v.format('YYYY-MM')}`)}
          />
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('report.print')}
          </Button>
        </Flex>
      </Flex>
      {!valid || report.isError ? (
        <Result
          status="warning"
          title={t('loadFailed')}
          subTitle={report.error ? errorText(report.error, tc) : month}
        />
      ) : !report.data ? (
        <Skeleton active paragraph={{ rows: 12 }} />
      ) : (
        <ReportDocument r={report.data} />
      )}
    </div>
  );
}

function ReportDocument({ r }: { r: MonthlyReport }) {
  const { t } = useTranslation('insights');
  const lang = currentLanguage();
  const tz = safeTimeZone(r.timeZone);
  const rows: {
    label: string;
    key: keyof InsightKpis;
    fmt: (v: number | null) => string;
    higherIsBetter: boolean;
  }[] = [
    { label: t('kpi.responses'), key: 'responses', fmt: (v) => String(v ?? 0), higherIsBetter: true },
    { label: t('kpi.csat'), key: 'csat', fmt: (v) => n2(v), higherIsBetter: true },
    { label: t('charts.satisfiedRate'), key: 'csatSatisfiedRate', fmt: pct, higherIsBetter: true },
    { label: t('kpi.nps'), key: 'nps', fmt: (v) => n2(v, 1), higherIsBetter: true },
    { label: t('kpi.ces'), key: 'ces', fmt: (v) => n2(v), higherIsBetter: false },
    { label: t('kpi.complaints'), key: 'complaints', fmt: (v) => String(v ?? 0), higherIsBetter: false },
    { label: t('charts.avgHours'), key: 'avgHandlingHours', fmt: (v) => n2(v, 1), higherIsBetter: false },
    { label: t('kpi.winBack'), key: 'winBackRate', fmt: pct, higherIsBetter: true },
    { label: t('kpi.reach'), key: 'followupReachRate', fmt: pct, higherIsBetter: true },
    { label: t('charts.compliments'), key: 'compliments', fmt: (v) => String(v ?? 0), higherIsBetter: true },
    { label: t('charts.suggestions'), key: 'suggestions', fmt: (v) => String(v ?? 0), higherIsBetter: true },
  ];
  return (
    <article className="mr-doc" data-testid="monthly-report">
      <h1>
        {r.tenantName} · {t('report.title')}
      </h1>
      <div className="mr-meta">
        {r.month} · {t('report.iso')}
        <br />
        {t('report.period', { from: r.from, to: r.to, tz: r.timeZone })} ·{' '}
        {t('report.generated', { time: formatDateTime(r.generatedAt, lang, tz) })}
      </div>

      <h2>{t('report.summary')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('report.metric')}</th>
            <th className="n">{t('report.thisMonth')}</th>
            <th className="n">{t('report.lastMonth')}</th>
            <th className="n">{t('report.change')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const cur = r.kpis[row.key] as number | null;
            const prev = r.previous[row.key] as number | null;
            const diff = cur !== null && prev !== null ? cur - prev : null;
            const good = diff !== null && diff !== 0 && diff > 0 === row.higherIsBetter;
            return (
              <tr key={row.key}>
                <td>{row.label}</td>
                <td className="n">{row.fmt(cur)}</td>
                <td className="n">{row.fmt(prev)}</td>
                <td className={`n ${diff ? (good ? 'mr-up' : 'mr-down') : ''}`}>
                  {diff === null || diff === 0 ? '—' : `${diff > 0 ? '▲' : '▼'} ${row.fmt(Math.abs(diff))}`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h2>{t('report.surveys')}</h2>
      <p>
        CSAT {n2(r.kpis.csat)} · NPS {n2(r.kpis.nps, 1)}（
        {t('kpi.npsHint', {
          p: r.kpis.promoters,
          d: r.kpis.detractors,
          n: r.kpis.npsN,
        })}
        ）· CES {n2(r.kpis.ces)}
      </p>
      <h3>{t('report.gapTable')}</h3>
      <table>
        <thead>
          <tr>
            <th />
            <th className="n">{t('charts.expectation')}</th>
            <th className="n">{t('charts.perception')}</th>
            <th className="n">{t('charts.gap')}</th>
            <th className="n">n</th>
          </tr>
        </thead>
        <tbody>
          {r.gaps.map((g) => (
            <tr key={g.dimension}>
              <td>{t(`dimensions.${g.dimension}`)}</td>
              <td className="n">{n2(g.expectation)}</td>
              <td className="n">{n2(g.perception)}</td>
              <td className={`n ${g.gap !== null && g.gap < 0 ? 'mr-down' : ''}`}>{n2(g.gap)}</td>
              <td className="n">{g.n}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('report.complaints')}</h2>
      <p>
        {t('kpi.complaintsHint', { closed: r.kpis.complaintsClosed, hours: n2(r.kpis.avgHandlingHours, 1) })}{' '}
        ·{' '}
        {t('report.verdicts', { s: r.verdicts.satisfied, p: r.verdicts.partly, n: r.verdicts.notSatisfied })}
      </p>
      <h3>{t('report.causes')}</h3>
      <table>
        <thead>
          <tr>
            <th>{t('report.causes')}</th>
            <th className="n">{t('charts.count')}</th>
            <th className="n">{t('charts.cumulative')}</th>
          </tr>
        </thead>
        <tbody>
          {r.causes.map((c) => (
            <tr key={c.cause}>
              <td>{c.label}</td>
              <td className="n">{c.count}</td>
              <td className="n">{pct(c.cumulativeShare)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('report.compliments')}</h2>
      <p>{t('kpi.complimentsHint', { c: r.kpis.compliments, s: r.kpis.suggestions })}</p>

      <h2>{t('report.lost')}</h2>
      {r.lostCount === 0 ? (
        <p>{t('report.lostNone')}</p>
      ) : (
        <>
          <p>{t('report.lostCount', { n: r.lostCount })}</p>
          <table>
            <thead>
              <tr>
                <th>{t('report.customer')}</th>
                <th>{t('report.churnedAt')}</th>
                <th>{t('report.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {r.lostCustomers.map((l) => (
                <tr key={l.customerId}>
                  <td>{l.name}</td>
                  <td>{formatDateTime(l.churnedAt, lang, tz)}</td>
                  <td>{l.reason ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      <h2>{t('report.warranty')}</h2>
      <p>{t('report.warrantyLine', { r: r.warranty.repairs, w: r.warranty.inWarranty })}</p>
      <table>
        <thead>
          <tr>
            <th>{t('report.category')}</th>
            <th className="n">{t('report.repairs')}</th>
            <th className="n">{t('report.inWarranty')}</th>
          </tr>
        </thead>
        <tbody>
          {r.warranty.byCategory.map((w) => (
            <tr key={w.category}>
              <td>{t(`categories.${w.category}`, { defaultValue: w.category })}</td>
              <td className="n">{w.repairs}</td>
              <td className="n">{w.inWarranty}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('report.byTeam')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('table.name')}</th>
            <th className="n">{t('table.tickets')}</th>
            <th className="n">{t('table.responses')}</th>
            <th className="n">CSAT</th>
            <th className="n">NPS</th>
            <th className="n">{t('table.complaints')}</th>
            <th className="n">{t('table.winBack')}</th>
          </tr>
        </thead>
        <tbody>
          {r.byTeam.map((b) => (
            <tr key={b.key}>
              <td>{b.label}</td>
              <td className="n">{b.tickets}</td>
              <td className="n">{b.responses}</td>
              <td className="n">{n2(b.csat)}</td>
              <td className="n">{n2(b.nps, 1)}</td>
              <td className="n">{b.complaints}</td>
              <td className="n">{pct(b.winBackRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mr-sign">{t('report.signature')}</p>
    </article>
  );
}
