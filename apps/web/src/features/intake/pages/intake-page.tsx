import { ClearOutlined, PhoneOutlined, UserAddOutlined } from '@ant-design/icons';
import { normalisePhone } from '@manyi/contracts/phone';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Input,
  type InputRef,
  Popconfirm,
  Row,
  Spin,
  Typography,
} from 'antd';
import { type KeyboardEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { errorText } from '../../../shared/api-errors';
import { useCurrentUser } from '../../auth/api';
import { useCustomer } from '../../customers/api';
import { NewCustomerForm } from '../../customers/components/new-customer-form';
import { useForgetLookups, usePhoneLookup } from '../api';
import { CallTimer } from '../components/call-timer';
import { CallerDetails, CallerHeader } from '../components/caller-panel';
import { IntakeSuccess } from '../components/intake-success';
import { MatchList } from '../components/match-list';
import { type IntakeResult, WorkOrderForm, type WorkOrderFormHandle } from '../components/work-order-form';
import { type Caller, callerFrom, lookupTerm, stepIndex } from '../intake-logic';
import { isIntakeShortcut } from '../use-intake-shortcut';

const debounceMs = 150;

/** The screen an agent has open while the phone rings: who is calling, and a work order in seconds. */
export function IntakePage() {
  const { t } = useTranslation('intake');
  const { t: tRoot } = useTranslation();
  const { message } = App.useApp();
  const listId = useId();
  const phoneRef = useRef<InputRef>(null);
  const nameRef = useRef<InputRef>(null);
  const formRef = useRef<WorkOrderFormHandle>(null);
  const [params, setParams] = useSearchParams();
  const forgetLookups = useForgetLookups();
  const canCreateCustomer = useCurrentUser().permissions.includes('customers.write');

  const [phone, setPhone] = useState('');
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [caller, setCaller] = useState<Caller | null>(null);
  const [creatingAnyway, setCreatingAnyway] = useState(false);
  const [activeIndex, setActiveIndex] = useState(0);
  const [pendingPick, setPendingPick] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const [result, setResult] = useState<IntakeResult | null>(null);

  const term = lookupTerm(phone);
  const [searched, setSearched] = useState<string | null>(null);
  useEffect(() => {
    const timer = window.setTimeout(() => setSearched(term), debounceMs);
    return () => window.clearTimeout(timer);
  }, [term]);
  const lookup = usePhoneLookup(searched);
  const current = searched === term && term !== null && lookup.isSuccess && !lookup.isPlaceholderData;
  const matches: Caller[] = current ? lookup.data.matches : [];
  const valid = normalisePhone(phone);

  const focusPhone = useCallback(() => {
    phoneRef.current?.focus();
    phoneRef.current?.select();
  }, []);

  const focusFormNext = useRef(false);
  const pick = useCallback((next: Caller) => {
    focusFormNext.current = true;
    setCaller(next);
    setCreatingAnyway(false);
    setPendingPick(false);
  }, []);

  // Once the chosen caller's form has rendered, the keyboard moves on to its first field. An effect (not a
  // timer) so that a key pressed right after Enter already lands in the form.
  useEffect(() => {
    if (!caller || !focusFormNext.current) return;
    focusFormNext.current = false;
    formRef.current?.focusFirst();
  }, [caller]);

  // F2 or Alt+N from anywhere on this page: back to the number, ready for the next call.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (isIntakeShortcut(event)) {
        event.preventDefault();
        focusPhone();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [focusPhone]);

  // Opened as /intake?customerId=… (from the customer record): that customer is the caller.
  const preselectId = params.get('customerId') ?? undefined;
  const preselect = useCustomer(preselectId);
  const appliedPreselect = useRef<string | null>(null);
  useEffect(() => {
    if (!preselect.data || appliedPreselect.current === preselect.data.id) return;
    appliedPreselect.current = preselect.data.id;
    setStartedAt((value) => value ?? Date.now());
    pick(callerFrom(preselect.data));
  }, [preselect.data, pick]);

  // New results: the highlight starts on the first match. Enter pressed before they arrived picks it now.
  useEffect(() => {
    setActiveIndex(0);
    if (!pendingPick || !current) return;
    setPendingPick(false);
    const first = lookup.data?.matches[0];
    if (first) pick(first);
    else nameRef.current?.focus();
  }, [current, lookup.data, pendingPick, pick]);

  const onPhoneChange = (value: string) => {
    setPhone(value);
    if (value.trim() && startedAt === null) setStartedAt(Date.now());
    if (caller) setCaller(null);
    setCreatingAnyway(false);
    if (value.trim()) setResult(null);
  };

  const onPhoneKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (matches.length === 0) return;
      event.preventDefault();
      setActiveIndex((index) => stepIndex(index, event.key === 'ArrowDown' ? 1 : -1, matches.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (!term) return;
      const chosen = matches[activeIndex];
      if (current && chosen) pick(chosen);
      else if (current && valid) nameRef.current?.focus();
      else {
        setSearched(term);
        setPendingPick(true);
      }
    }
  };

  const reset = () => {
    setPhone('');
    setStartedAt(null);
    setCaller(null);
    setCreatingAnyway(false);
    setPendingPick(false);
    setFormKey((key) => key + 1);
    appliedPreselect.current = null;
    if (params.has('customerId')) setParams({}, { replace: true });
    focusPhone();
  };

  const onSubmitted = (outcome: IntakeResult) => {
    setResult(outcome);
    reset();
  };

  const showNewCustomer = !caller && current && valid !== null && (matches.length === 0 || creatingAnyway);

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('subtitle')}</Typography.Text>
      </div>

      <Card styles={{ body: { padding: 20 } }}>
        <Flex gap={12} align="center" wrap>
          <Input
            ref={phoneRef}
            autoFocus
            size="large"
            inputMode="tel"
            autoComplete="off"
            maxLength={40}
            prefix={<PhoneOutlined aria-hidden style={{ color: '#1668dc' }} />}
            placeholder={t('phone.placeholder')}
            aria-label={t('phone.label')}
            role="combobox"
            aria-expanded={matches.length > 0 && !caller}
            aria-controls={listId}
            aria-activedescendant={matches.length > 0 && !caller ? `${listId}-${activeIndex}` : undefined}
            value={phone}
            onChange={(event) => onPhoneChange(event.target.value)}
            onKeyDown={onPhoneKey}
            data-testid="intake-phone"
            style={{ flex: '1 1 320px', fontSize: 26, height: 60, letterSpacing: 1 }}
          />
          {startedAt !== null && <CallTimer startedAt={startedAt} />}
          {(startedAt !== null || caller) && (
            <Popconfirm
              title={t('phone.resetConfirm')}
              okText={t('phone.reset')}
              cancelText={t('phone.keep')}
              onConfirm={() => {
                setResult(null);
                reset();
              }}
            >
              <Button size="large" icon={<ClearOutlined />}>
                {t('phone.reset')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
        <Flex gap={16} wrap style={{ marginTop: 8 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('phone.shortcut')}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('phone.formats')}
          </Typography.Text>
        </Flex>
      </Card>

      {result && <IntakeSuccess result={result} onClose={() => setResult(null)} />}

      {caller ? (
        <>
          <CallerHeader
            caller={caller}
            onChange={() => {
              setCaller(null);
              focusPhone();
            }}
          />
          <Row gutter={[16, 16]}>
            <Col xs={{ span: 24, order: 1 }} lg={{ span: 11, order: 2 }}>
              <div style={{ position: 'sticky', top: 80 }}>
                <WorkOrderForm
                  key={formKey}
                  ref={formRef}
                  caller={caller}
                  startedAt={startedAt}
                  phone={phone}
                  onSubmitted={onSubmitted}
                />
              </div>
            </Col>
            <Col xs={{ span: 24, order: 2 }} lg={{ span: 13, order: 1 }}>
              <CallerDetails caller={caller} />
            </Col>
          </Row>
        </>
      ) : (
        <Card data-testid="intake-results">
          {phone.trim() === '' ? (
            preselectId && preselect.isPending ? (
              <Flex justify="center" style={{ padding: 24 }}>
                <Spin />
              </Flex>
            ) : preselectId && preselect.isError ? (
              <Alert
                type="warning"
                showIcon
                title={t('search.preselectFailed')}
                description={errorText(preselect.error, tRoot)}
                action={<Button onClick={() => setParams({}, { replace: true })}>{t('phone.reset')}</Button>}
              />
            ) : (
              <Flex vertical align="center" gap={6} style={{ padding: '24px 0' }}>
                <PhoneOutlined aria-hidden style={{ fontSize: 36, color: '#bfbfbf' }} />
                <Typography.Text strong>{t('search.idle')}</Typography.Text>
                <Typography.Text type="secondary">{t('search.idleHint')}</Typography.Text>
              </Flex>
            )
          ) : term === null ? (
            <Typography.Text type="secondary">{t('search.tooShort')}</Typography.Text>
          ) : lookup.isError && searched === term ? (
            <Alert
              type="error"
              showIcon
              title={t('search.failed')}
              description={errorText(lookup.error, tRoot)}
              action={<Button onClick={() => void lookup.refetch()}>{tRoot('errors.retry')}</Button>}
            />
          ) : !current ? (
            <Flex align="center" gap={8}>
              <Spin size="small" />
              <Typography.Text type="secondary">{t('search.searching')}</Typography.Text>
            </Flex>
          ) : (
            <Flex vertical gap={16}>
              {matches.length > 0 ? (
                <>
                  <Flex justify="space-between" align="center" wrap gap={8}>
                    <Typography.Text strong>
                      {t('search.matches', { count: matches.length })}
                      <Typography.Text type="secondary" style={{ fontWeight: 400, marginInlineStart: 12 }}>
                        {t('search.pickHint')}
                      </Typography.Text>
                    </Typography.Text>
                    {valid && canCreateCustomer && !creatingAnyway && (
                      <Button icon={<UserAddOutlined />} onClick={() => setCreatingAnyway(true)}>
                        {t('search.notListed')}
                      </Button>
                    )}
                  </Flex>
                  <MatchList
                    listId={listId}
                    matches={matches}
                    activeIndex={activeIndex}
                    onPick={pick}
                    onHover={setActiveIndex}
                  />
                </>
              ) : (
                <Alert
                  type={valid ? 'info' : 'warning'}
                  showIcon
                  title={t('search.noMatch')}
                  description={valid ? t('search.noMatchNewHint') : t('search.noMatchIncomplete')}
                  data-testid="no-match"
                />
              )}
              {showNewCustomer && valid && !canCreateCustomer && (
                <Typography.Text type="secondary">{t('search.cannotCreate')}</Typography.Text>
              )}
              {showNewCustomer && valid && canCreateCustomer && (
                <Card
                  size="small"
                  type="inner"
                  title={t('newCustomer.title', { phone: valid.display })}
                  data-testid="intake-new-customer"
                >
                  <NewCustomerForm
                    phone={phone.trim()}
                    nameRef={nameRef}
                    onCreated={(customer) => {
                      void forgetLookups();
                      void message.success(t('newCustomer.created', { name: customer.name }));
                      pick(callerFrom(customer, valid.display));
                    }}
                    onCancel={creatingAnyway ? () => setCreatingAnyway(false) : undefined}
                  />
                </Card>
              )}
            </Flex>
          )}
        </Card>
      )}
    </Flex>
  );
}
