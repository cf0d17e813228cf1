import { ClearOutlined } from '@ant-design/icons';
import {
  ticketChannels,
  ticketPriorities,
  ticketSorts,
  ticketStatuses,
  ticketTypes,
  type User,
} from '@manyi/contracts';
import { Button, Flex, Input, type InputRef, Select } from 'antd';
import { type Ref, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clearFilters, hasFilters, type QueueParams, type TicketSort } from '../queue-params';

/** Search, filters and sort of a queue; every change goes to the URL through `onChange`. */
export function QueueFilters({
  params,
  users,
  currentUserId,
  searchRef,
  onChange,
}: {
  params: QueueParams;
  users: readonly User[];
  currentUserId: string;
  searchRef: Ref<InputRef>;
  onChange: (next: QueueParams) => void;
}) {
  const { t } = useTranslation('tickets');
  // Local text while typing; the URL (and the back button) stay the source of truth once submitted.
  const [search, setSearch] = useState(params.q ?? '');
  const [tag, setTag] = useState(params.tag ?? '');
  useEffect(() => setSearch(params.q ?? ''), [params.q]);
  useEffect(() => setTag(params.tag ?? ''), [params.tag]);

  const submitTag = () => {
    const value = tag.trim() || undefined;
    if (value !== params.tag) onChange({ ...params, tag: value });
  };

  const assigneeOptions = [
    { value: currentUserId, label: t('queue.assigneeMe') },
    ...users
      .filter((u) => u.active && u.id !== currentUserId)
      .map((u) => ({ value: u.id, label: u.displayName }))
      .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN')),
  ];

  return (
    <Flex vertical gap={8} role="search" aria-label={t('queue.filtersLabel')}>
      <Flex wrap gap={8} align="center">
        <Input.Search
          ref={searchRef}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(value) => onChange({ ...params, q: value.trim() || undefined })}
          placeholder={t('queue.searchPlaceholder')}
          aria-label={t('queue.searchLabel')}
          allowClear
          maxLength={100}
          style={{ width: 400, maxWidth: '100%' }}
          data-testid="queue-search"
        />
        <Select
          value={params.sort}
          onChange={(sort: TicketSort) => onChange({ ...params, sort })}
          aria-label={t('queue.sortLabel')}
          options={ticketSorts.map((s) => ({ value: s, label: t(`queue.sort.${s}`) }))}
          style={{ width: 190 }}
          prefix={<span style={{ color: 'rgba(0,0,0,0.45)' }}>{t('queue.sortLabel')}</span>}
        />
        {hasFilters(params) && (
          <Button type="link" icon={<ClearOutlined />} onClick={() => onChange(clearFilters(params))}>
            {t('queue.clearFilters')}
          </Button>
        )}
      </Flex>
      <Flex wrap gap={8} align="center">
        <Select
          mode="multiple"
          allowClear
          maxTagCount={1}
          maxTagPlaceholder={(omitted) => `+${omitted.length}`}
          popupMatchSelectWidth={false}
          placeholder={t('queue.statusFilter')}
          aria-label={t('queue.statusFilter')}
          value={params.status}
          onChange={(status) => onChange({ ...params, status })}
          options={ticketStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          style={{ width: 170 }}
          data-testid="filter-status"
        />
        <Select
          mode="multiple"
          allowClear
          maxTagCount={1}
          maxTagPlaceholder={(omitted) => `+${omitted.length}`}
          popupMatchSelectWidth={false}
          placeholder={t('queue.typeFilter')}
          aria-label={t('queue.typeFilter')}
          value={params.type}
          onChange={(type) => onChange({ ...params, type })}
          options={ticketTypes.map((s) => ({ value: s, label: t(`type.${s}`) }))}
          style={{ width: 150 }}
        />
        <Select
          mode="multiple"
          allowClear
          maxTagCount={1}
          maxTagPlaceholder={(omitted) => `+${omitted.length}`}
          popupMatchSelectWidth={false}
          placeholder={t('queue.priorityFilter')}
          aria-label={t('queue.priorityFilter')}
          value={params.priority}
          onChange={(priority) => onChange({ ...params, priority })}
          options={ticketPriorities.map((s) => ({ value: s, label: t(`priority.${s}`) }))}
          style={{ width: 150 }}
        />
        <Select
          mode="multiple"
          allowClear
          maxTagCount={1}
          maxTagPlaceholder={(omitted) => `+${omitted.length}`}
          popupMatchSelectWidth={false}
          placeholder={t('queue.channelFilter')}
          aria-label={t('queue.channelFilter')}
          value={params.channel}
          onChange={(channel) => onChange({ ...params, channel })}
          options={ticketChannels.map((s) => ({ value: s, label: t(`channel.${s}`) }))}
          style={{ width: 150 }}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('queue.assigneeFilter')}
          aria-label={t('queue.assigneeFilter')}
          value={params.assigneeId}
          onChange={(assigneeId: string | undefined) => onChange({ ...params, assigneeId })}
          options={assigneeOptions}
          style={{ width: 150 }}
        />
        <Input
          value={tag}
          onChange={(e) => {
            setTag(e.target.value);
            // The clear icon fires a non-"change" event: apply right away, as there is nothing to type.
            if (e.target.value === '' && e.type !== 'change' && params.tag)
              onChange({ ...params, tag: undefined });
          }}
          onPressEnter={submitTag}
          onBlur={submitTag}
          allowClear
          placeholder={t('queue.tagFilter')}
          aria-label={t('queue.tagFilter')}
          maxLength={30}
          style={{ width: 130 }}
        />
      </Flex>
    </Flex>
  );
}
