/** UI text of this feature (i18next namespace 'customers'). `en` is typed against `zhCN`: a missing key fails to compile. */
export const zhCN = {
  title: '客户',
};

export const en: typeof zhCN = {
  title: 'Customers',
};
