/** UI text of this feature (i18next namespace 'dashboard'). `en` is typed against `zhCN`: a missing key fails to compile. */
export const zhCN = {
  title: '服务看板',
};

export const en: typeof zhCN = {
  title: 'Service dashboard',
};
