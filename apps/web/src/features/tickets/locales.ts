/** UI text of this feature (i18next namespace 'tickets'). `en` is typed against `zhCN`: a missing key fails to compile. */
export const zhCN = {
  title: '工单',
};

export const en: typeof zhCN = {
  title: 'Work orders',
};
