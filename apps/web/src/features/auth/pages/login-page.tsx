import { EyeInvisibleOutlined, EyeOutlined, LockOutlined, MailOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { LanguageSwitch } from '../../../app/i18n/language-switch';
import { errorText } from '../../../shared/api-errors';
import { BrandMark } from '../../../shared/ui/brand-mark';
import { type AppMeta, type LoginInput, useAppMeta, useLogin, useSession } from '../api';
import { safeNext } from '../safe-next';

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(searchParams.get('next'));
  const session = useSession();
  const login = useLogin();
  const meta = useAppMeta();
  const [form] = Form.useForm<LoginInput>();

  // The server's message is in the language of the request; after a switch, drop it rather than mix languages.
  const { reset } = login;
  useEffect(() => {
    const onChange = () => reset();
    i18n.on('languageChanged', onChange);
    return () => i18n.off('languageChanged', onChange);
  }, [i18n, reset]);

  if (session.data && !login.isPending) return <Navigate to={next} replace />;

  const submit = (values: LoginInput) =>
    login.mutate(
      { email: values.email.trim(), password: values.password },
      { onSuccess: () => navigate(next, { replace: true }) },
    );

  return (
    <Flex
      vertical
      style={{
        minHeight: '100vh',
        background: 'linear-gradient(160deg, #e8f0fe 0%, #f4f6fa 45%, #ffffff 100%)',
      }}
    >
      <Flex justify="flex-end" style={{ padding: '16px 24px' }}>
        <LanguageSwitch />
      </Flex>
      <Flex component="main" flex={1} align="center" justify="center" style={{ padding: '0 16px 48px' }}>
        <Flex vertical gap={16} style={{ width: '100%', maxWidth: 400 }}>
          <Flex vertical align="center" gap={8} style={{ textAlign: 'center', marginBottom: 8 }}>
            <BrandMark size={52} />
            <Typography.Title level={1} style={{ margin: 0, fontSize: 32, letterSpacing: 2 }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary" style={{ fontSize: 15 }}>
              {t('app.product')} · {t('app.tagline')}
            </Typography.Text>
          </Flex>

          <Card styles={{ body: { padding: 28 } }}>
            <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 4 }}>
              {t('auth.formTitle')}
            </Typography.Title>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 20 }}>
              {t('auth.formSubtitle')}
            </Typography.Paragraph>

            {login.isError && (
              <Alert
                type="error"
                showIcon
                role="alert"
                data-testid="login-error"
                title={errorText(login.error, t)}
                style={{ marginBottom: 20 }}
              />
            )}

            <Form<LoginInput>
              form={form}
              name="login"
              layout="vertical"
              requiredMark={false}
              onFinish={submit}
              disabled={login.isPending}
            >
              <Form.Item
                label={t('auth.email')}
                name="email"
                rules={[
                  { required: true, message: t('auth.emailRequired') },
                  { type: 'email', message: t('auth.emailInvalid') },
                ]}
              >
                <Input
                  prefix={<MailOutlined aria-hidden />}
                  type="email"
                  autoComplete="username"
                  inputMode="email"
                  placeholder={t('auth.emailPlaceholder')}
                  size="large"
                  autoFocus
                />
              </Form.Item>
              <Form.Item
                label={t('auth.password')}
                name="password"
                rules={[{ required: true, message: t('auth.passwordRequired') }]}
              >
                <Input.Password
                  prefix={<LockOutlined aria-hidden />}
                  autoComplete="current-password"
                  placeholder={t('auth.passwordPlaceholder')}
                  size="large"
                  iconRender={(visible) =>
                    visible ? (
                      <EyeOutlined aria-label={t('auth.hidePassword')} />
                    ) : (
                      <EyeInvisibleOutlined aria-label={t('auth.showPassword')} />
                    )
                  }
                />
              </Form.Item>
              <Form.Item style={{ marginBottom: 0 }}>
                <Button type="primary" htmlType="submit" size="large" block loading={login.isPending}>
                  {t('auth.signIn')}
                </Button>
              </Form.Item>
            </Form>
          </Card>

          {meta.data?.demo && meta.data.demoLogins.length > 0 && (
            <DemoLogins
              logins={meta.data.demoLogins}
              onPick={(email, password) => form.setFieldsValue({ email, password })}
            />
          )}
        </Flex>
      </Flex>
      <Typography.Text type="secondary" style={{ textAlign: 'center', padding: 16, fontSize: 12 }}>
        © {new Date().getFullYear()} {t('app.title')}
      </Typography.Text>
    </Flex>
  );
}

/** The demo deployment's accounts; shown only when the API says it is a demo. */
function DemoLogins({
  logins,
  onPick,
}: {
  logins: AppMeta['demoLogins'];
  onPick: (email: string, password: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('auth.demoTitle')} data-testid="demo-logins">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8, fontSize: 13 }}>
        {t('auth.demoHint')}
      </Typography.Paragraph>
      <Flex vertical gap={2}>
        {logins.map((login) => {
          const role = t(`roles.${login.role}`, { defaultValue: login.role });
          return (
            <Button
              key={login.email}
              type="text"
              block
              aria-label={t('auth.demoUse', { role })}
              onClick={() => onPick(login.email, login.password)}
              style={{ height: 'auto', padding: '4px 8px', whiteSpace: 'normal', textAlign: 'start' }}
            >
              {/* Wraps to two lines on narrow screens rather than running past the card. */}
              <Flex wrap justify="space-between" align="baseline" gap="0 12px" style={{ width: '100%' }}>
                <span>{role}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
                  {login.email} / {login.password}
                </Typography.Text>
              </Flex>
            </Button>
          );
        })}
      </Flex>
    </Card>
  );
}
