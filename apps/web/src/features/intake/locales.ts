/** UI text of this feature (i18next namespace 'intake'). `en` is typed against `zhCN`: a missing key fails to compile. */
export const zhCN = {
  title: '来电受理',
};

export const en: typeof zhCN = {
  title: 'Phone intake',
};
