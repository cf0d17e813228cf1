import { Alert, Button, Descriptions, Flex, Input, Radio, Result, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { currentLanguage } from '../../../app/i18n';
import { errorText } from '../../../shared/api-errors';
import { PublicPage } from '../../../shared/ui/public-page';
import { useAnswerPublicVisit, usePublicVisit } from '../api';
import { windowLabel } from '../visit-format';

/** The customer's appointment page (signed link): confirm the window, pick an offered one or ask for another. */
export function PublicVisitPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation('visits');
  const { t: tc } = useTranslation();
  const lang = currentLanguage();
  const visit = usePublicVisit(token);
  const answer = useAnswerPublicVisit(token);
  const [other, setOther] = useState(false);
  const [offered, setOffered] = useState<number | null>(null);
  const [preferred, setPreferred] = useState('');
  const [note, setNote] = useState('');

  if (visit.isPending)
    return (
      <PublicPage title={t('public.title')}>
        <Skeleton active />
      </PublicPage>
    );
  if (visit.isError)
    return (
      <PublicPage title={t('public.title')}>
        <Result status="warning" subTitle={errorText(visit.error, tc)} data-testid="public-visit-error" />
      </PublicPage>
    );
  const v = visit.data;
  const tz = v.timeZone;
  const done = answer.isSuccess;

  return (
    <PublicPage title={t('public.title')} tenantName={v.tenantName}>
      <Flex vertical gap={16} data-testid="public-visit">
        <Typography.Paragraph style={{ margin: 0 }}>
          {t('public.intro', { name: v.customerName })}
        </Typography.Paragraph>
        <Descriptions
          column={1}
          size="small"
          bordered
          items={[
            {
              key: 'window',
              label: t('public.window'),
              children: (
                <Typography.Text strong data-testid="public-window">
                  {windowLabel(v.windowStart, v.windowEnd, lang, tz)}
                </Typography.Text>
              ),
            },
            { key: 'tech', label: t('public.technician'), children: v.technicianName },
            { key: 'product', label: t('public.product'), children: v.product ?? '—' },
            { key: 'address', label: t('public.address'), children: v.address ?? '—' },
            { key: 'wo', label: t('public.workOrder'), children: v.ticketNumber },
          ]}
        />
        {done || v.customerAnswer ? (
          <Alert
            type="success"
            showIcon
            data-testid="public-visit-done"
            title={
              v.customerAnswer === 'reschedule_requested'
                ? t('public.rescheduleDone')
                : v.customerAnswer === 'confirmed'
                  ? t('public.confirmedDone')
                  : t('public.alreadyAnswered')
            }
          />
        ) : !v.canAnswer ? (
          <Alert type="info" showIcon title={t('public.closed')} />
        ) : (
          <Flex vertical gap={12}>
            {answer.isError && <Alert type="error" showIcon title={errorText(answer.error, tc)} />}
            {!other ? (
              <>
                <Button
                  type="primary"
                  size="large"
                  block
                  loading={answer.isPending}
                  onClick={() => answer.mutate({ answer: 'confirm' })}
                  data-testid="public-confirm"
                >
                  {t('public.confirm')}
                </Button>
                <Button size="large" block onClick={() => setOther(true)} data-testid="public-other">
                  {t('public.other')}
                </Button>
              </>
            ) : (
              <>
                {v.offeredWindows.length > 0 && (
                  <>
                    <Typography.Text>{t('public.pickOffered')}</Typography.Text>
                    <Radio.Group
                      value={offered}
                      onChange={(e) => setOffered(e.target.value as number)}
                      style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
                      options={v.offeredWindows.map((w, i) => ({
                        value: i,
                        label: windowLabel(w.start, w.end, lang, tz),
                      }))}
                    />
                  </>
                )}
                <Typography.Text>{t('public.preferred')}</Typography.Text>
                <Input
                  value={preferred}
                  onChange={(e) => setPreferred(e.target.value)}
                  placeholder={t('public.preferredPlaceholder')}
                  maxLength={200}
                  data-testid="public-preferred"
                />
                <Input.TextArea
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                  placeholder={t('public.note')}
                  maxLength={500}
                  rows={2}
                />
                <Button
                  type="primary"
                  size="large"
                  block
                  loading={answer.isPending}
                  disabled={offered === null && preferred.trim() === ''}
                  onClick={() =>
                    answer.mutate({
                      answer: 'reschedule',
                      ...(offered !== null ? { offeredIndex: offered } : { preferredTime: preferred.trim() }),
                      ...(note.trim() ? { note: note.trim() } : {}),
                    })
                  }
                  data-testid="public-send"
                >
                  {t('public.send')}
                </Button>
              </>
            )}
          </Flex>
        )}
      </Flex>
    </PublicPage>
  );
}
