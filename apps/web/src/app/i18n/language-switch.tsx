import { GlobalOutlined } from '@ant-design/icons';
import { Flex, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, type Language } from './index';

/** Each language is named in itself, so a user lost in the wrong one can still find theirs. */
export function LanguageSwitch({ size = 'middle' }: { size?: 'small' | 'middle' }) {
  const { t, i18n } = useTranslation();
  const value = currentLanguage();
  return (
    <Flex align="center" gap={6}>
      <GlobalOutlined aria-hidden style={{ color: 'rgba(0,0,0,0.45)' }} />
      <Segmented<Language>
        size={size}
        aria-label={t('language.label')}
        value={value}
        onChange={(lang) => void changeLanguage(lang)}
        options={[
          { label: <span lang="zh-CN">{i18n.t('language.zhCN')}</span>, value: 'zh-CN' },
          { label: <span lang="en">{i18n.t('language.en')}</span>, value: 'en' },
        ]}
      />
    </Flex>
  );
}
