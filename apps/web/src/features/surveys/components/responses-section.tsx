import type { SurveyResponse } from '@manyi/contracts';
import { Alert, Flex, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { currentLanguage } from '../../../app/i18n';
import { errorText } from '../../../shared/api-errors';
import { formatDateTime } from '../../../shared/format';
import { useCurrentUser } from '../../auth/api';
import { useSurveyResponses } from '../api';
import { ResponseScores } from './customer-satisfaction';

/** The latest answers, the dissatisfied ones with their recovery work order. */
export function ResponsesSection() {
  const { t } = useTranslation('surveys');
  const { t: tc } = useTranslation();
  const user = useCurrentUser();
  const lang = currentLanguage();
  const [only, setOnly] = useState(false);
  const q = useSurveyResponses(only ? true : undefined);
  return (
    <>
      <Flex align="center" gap={8} style={{ marginBottom: 12 }}>
        <Switch id="only-dissatisfied" checked={only} onChange={setOnly} />
        <label htmlFor="only-dissatisfied">{t('responses.onlyDissatisfied')}</label>
      </Flex>
      {q.isError && <Alert type="error" message={errorText(q.error, tc)} />}
      <Table<SurveyResponse>
        rowKey="id"
        size="middle"
        loading={q.isPending}
        dataSource={q.data ?? []}
        locale={{ emptyText: t('responses.none') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: t('responses.when'),
            width: 170,
            render: (_, r) => formatDateTime(r.respondedAt, lang, user.tenantTimeZone),
          },
          { title: t('templates.name'), render: (_, r) => <Tag>{r.templateName}</Tag> },
          { title: t('responses.scores'), render: (_, r) => <ResponseScores r={r} /> },
          {
            title: t('responses.comment'),
            render: (_, r) => <Typography.Text type="secondary">{r.comment}</Typography.Text>,
          },
          {
            title: t('responses.recovery'),
            render: (_, r) =>
              r.recoveryTicketId ? (
                <Link to={`/tickets/${r.recoveryTicketId}`}>{t('responses.openRecovery')}</Link>
              ) : null,
          },
        ]}
      />
    </>
  );
}
