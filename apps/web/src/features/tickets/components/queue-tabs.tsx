import type { QueueCounts } from '@manyi/contracts';
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TicketView } from '../queue-params';

/** The queue views as tabs, each with how many work orders it holds right now. */
export function QueueTabs({
  views,
  active,
  counts,
  onChange,
}: {
  views: readonly TicketView[];
  active: TicketView;
  counts: QueueCounts | undefined;
  onChange: (view: TicketView) => void;
}) {
  const { t } = useTranslation('tickets');
  return (
    <Tabs
      activeKey={active}
      onChange={(key) => onChange(key as TicketView)}
      aria-label={t('views.label')}
      style={{ marginBottom: 0 }}
      items={views.map((view) => {
        const count = view === 'all' ? undefined : counts?.views[view];
        return {
          key: view,
          label: (
            <span data-testid={`view-tab-${view}`}>
              {t(`views.${view}`)}
              {count !== undefined && (
                <span
                  className="tickets-count"
                  data-testid={`view-count-${view}`}
                  title={t('views.countLabel', { view: t(`views.${view}`), count })}
                >
                  {count > 9999 ? '9999+' : count}
                </span>
              )}
            </span>
          ),
        };
      })}
    />
  );
}
