/** UI text of this feature (i18next namespace 'admin'). `en` is typed against `zhCN`: a missing key fails to compile. */
export const zhCN = {
  title: '管理',
};

export const en: typeof zhCN = {
  title: 'Administration',
};
