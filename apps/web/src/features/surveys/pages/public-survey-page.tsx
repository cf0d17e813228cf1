import { type SurveyAnswerBody, type SurveyDimension, surveyDimensions } from '@manyi/contracts';
import { Alert, Button, Divider, Flex, Input, Radio, Result, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { currentLanguage } from '../../../app/i18n';
import { errorText } from '../../../shared/api-errors';
import { PublicPage } from '../../../shared/ui/public-page';
import { useAnswerSurvey, usePublicSurvey } from '../api';
import { ScaleQuestion } from '../components/scale-question';

type Dims = Partial<Record<SurveyDimension, { expectation?: number; perception?: number }>>;

/** The survey a customer opens from an SMS: no sign-in, one answer, big targets for a thumb. */
export function PublicSurveyPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation('surveys');
  const { t: tc } = useTranslation();
  const survey = usePublicSurvey(token);
  const answer = useAnswerSurvey(token);
  const [csat, setCsat] = useState<number>();
  const [nps, setNps] = useState<number>();
  const [ces, setCes] = useState<number>();
  const [dims, setDims] = useState<Dims>({});
  const [comment, setComment] = useState('');
  const [commentKind, setCommentKind] = useState<'compliment' | 'suggestion' | 'complaint'>();
  const [tried, setTried] = useState(false);
  const lang = currentLanguage();

  if (survey.isPending)
    return (
      <PublicPage title={t('publicPage.title')}>
        <Skeleton active />
      </PublicPage>
    );
  if (survey.isError)
    return (
      <PublicPage title={t('publicPage.title')}>
        <Result status="warning" subTitle={errorText(survey.error, tc)} data-testid="public-survey-error" />
      </PublicPage>
    );
  const s = survey.data;
  if (answer.isSuccess)
    return (
      <PublicPage title={t('publicPage.title')} tenantName={s.tenantName}>
        <Result
          status={answer.data.thanks === 'satisfied' ? 'success' : 'info'}
          title={t('publicPage.thanksTitle')}
          subTitle={
            answer.data.thanks === 'satisfied' ? t('publicPage.thanksSatisfied') : t('publicPage.thanksSorry')
          }
          data-testid="public-survey-thanks"
        />
      </PublicPage>
    );

  const asks = (m: string) => s.measures.includes(m as never);
  const missing =
    (asks('csat') && csat === undefined) ||
    (asks('nps') && nps === undefined) ||
    (asks('ces') && ces === undefined) ||
    (asks('dimensions') &&
      surveyDimensions.some((d) => dims[d]?.expectation === undefined || dims[d]?.perception === undefined));
  const intro = lang === 'en' ? (s.intro.en ?? s.intro.zh) : (s.intro.zh ?? s.intro.en);
  const setDim = (d: SurveyDimension, k: 'expectation' | 'perception', v: number) =>
    setDims((cur) => ({ ...cur, [d]: { ...cur[d], [k]: v } }));

  const submit = () => {
    setTried(true);
    if (missing) return;
    const body: SurveyAnswerBody = {
      lang: lang === 'en' ? 'en' : 'zh',
      ...(asks('csat') ? { csat } : {}),
      ...(asks('nps') ? { nps } : {}),
      ...(asks('ces') ? { ces } : {}),
      ...(asks('dimensions')
        ? {
            dimensions: Object.fromEntries(
              surveyDimensions.map((d) => [
                d,
                { expectation: dims[d]!.expectation!, perception: dims[d]!.perception! },
              ]),
            ),
          }
        : {}),
      ...(s.askComment && comment.trim()
        ? { comment: comment.trim(), ...(commentKind ? { commentKind } : {}) }
        : {}),
    };
    answer.mutate(body);
  };

  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(new Date(s.expiresAt));
  return (
    <PublicPage title={t('publicPage.title')} tenantName={s.tenantName}>
      <Flex vertical gap={20} data-testid="public-survey">
        <div>
          <Typography.Paragraph style={{ margin: 0, fontSize: 16 }}>
            {t('publicPage.hello', { name: s.customerName })}
          </Typography.Paragraph>
          {intro && <Typography.Paragraph style={{ margin: '4px 0 0' }}>{intro}</Typography.Paragraph>}
          {s.ticketNumber && (
            <Typography.Text type="secondary">
              {t('publicPage.about', { number: s.ticketNumber, subject: s.ticketSubject ?? '' })}
            </Typography.Text>
          )}
        </div>
        {asks('csat') && (
          <ScaleQuestion
            testId="q-csat"
            question={t('publicPage.csatQ')}
            min={1}
            max={5}
            low={t('publicPage.csatLow')}
            high={t('publicPage.csatHigh')}
            value={csat}
            onChange={setCsat}
            invalid={tried}
          />
        )}
        {asks('nps') && (
          <ScaleQuestion
            testId="q-nps"
            question={t('publicPage.npsQ')}
            min={0}
            max={10}
            low={t('publicPage.npsLow')}
            high={t('publicPage.npsHigh')}
            value={nps}
            onChange={setNps}
            invalid={tried}
          />
        )}
        {asks('ces') && (
          <ScaleQuestion
            testId="q-ces"
            question={t('publicPage.cesQ')}
            min={1}
            max={7}
            low={t('publicPage.cesLow')}
            high={t('publicPage.cesHigh')}
            value={ces}
            onChange={setCes}
            invalid={tried}
          />
        )}
        {asks('dimensions') && (
          <Flex vertical gap={16}>
            <Typography.Text>{t('publicPage.dimensionsIntro')}</Typography.Text>
            {surveyDimensions.map((d) => (
              <Flex key={d} vertical gap={10} style={{ padding: 12, background: '#fafafa', borderRadius: 8 }}>
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {t(`dimensions.${d}`)}
                  <Typography.Text
                    type="secondary"
                    style={{ display: 'block', fontWeight: 'normal', fontSize: 13 }}
                  >
                    {t(`dimensionHints.${d}`)}
                  </Typography.Text>
                </Typography.Text>
                {(['expectation', 'perception'] as const).map((k) => (
                  <ScaleQuestion
                    key={k}
                    testId={`q-${d}-${k}`}
                    question={`${t(`dimensions.${d}`)} · ${t(`publicPage.${k}`)}`}
                    min={1}
                    max={7}
                    low={t('publicPage.dimLow')}
                    high={t('publicPage.dimHigh')}
                    value={dims[d]?.[k]}
                    onChange={(v) => setDim(d, k, v)}
                    invalid={tried}
                  />
                ))}
              </Flex>
            ))}
          </Flex>
        )}
        {s.askComment && (
          <Flex vertical gap={8}>
            <Typography.Text strong style={{ fontSize: 16 }}>
              <label htmlFor="survey-comment">{t('publicPage.commentLabel')}</label>
            </Typography.Text>
            <Input.TextArea
              id="survey-comment"
              rows={3}
              maxLength={2000}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              placeholder={t('publicPage.commentPlaceholder')}
              style={{ fontSize: 16 }}
            />
            {comment.trim() && (
              <Flex align="center" gap={8} wrap>
                <Typography.Text>{t('publicPage.commentKind')}</Typography.Text>
                <Radio.Group
                  optionType="button"
                  size="large"
                  value={commentKind}
                  onChange={(e) => setCommentKind(e.target.value)}
                  options={(['compliment', 'suggestion', 'complaint'] as const).map((k) => ({
                    value: k,
                    label: t(`publicPage.commentKinds.${k}`),
                  }))}
                />
              </Flex>
            )}
          </Flex>
        )}
        {tried && missing && <Alert type="warning" showIcon message={t('publicPage.missing')} role="alert" />}
        {answer.isError && <Alert type="error" showIcon message={errorText(answer.error, tc)} role="alert" />}
        <Divider style={{ margin: 0 }} />
        <Button
          type="primary"
          size="large"
          block
          style={{ height: 52, fontSize: 18 }}
          loading={answer.isPending}
          onClick={submit}
          data-testid="survey-submit"
        >
          {t('publicPage.submit')}
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('publicPage.expires', { date })}
        </Typography.Text>
      </Flex>
    </PublicPage>
  );
}
