import { Flex, Radio, Typography } from 'antd';
import { useId } from 'react';

/**
 * One rating question with large tap targets (at least 44 × 44 px): a labelled radio group whose ends are named
 * ("very dissatisfied" … "very satisfied") so a screen reader announces what the numbers mean.
 */
export function ScaleQuestion({
  question,
  hint,
  min,
  max,
  low,
  high,
  value,
  onChange,
  testId,
  invalid,
}: {
  question: string;
  hint?: string;
  min: number;
  max: number;
  low: string;
  high: string;
  value: number | undefined;
  onChange: (v: number) => void;
  testId: string;
  invalid?: boolean;
}) {
  const id = useId();
  const scores = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  return (
    <fieldset
      style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}
      aria-describedby={`${id}-ends`}
      data-testid={testId}
    >
      <legend style={{ padding: 0, marginBottom: 8 }}>
        <Typography.Text strong style={{ fontSize: 16 }}>
          {question}
        </Typography.Text>
        {hint && (
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
            {hint}
          </Typography.Text>
        )}
      </legend>
      <Radio.Group
        value={value}
        onChange={(e) => onChange(e.target.value as number)}
        optionType="button"
        buttonStyle="solid"
        size="large"
        style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}
      >
        {scores.map((s) => (
          <Radio.Button
            key={s}
            value={s}
            aria-label={s === min ? `${s} ${low}` : s === max ? `${s} ${high}` : String(s)}
            style={{
              // Few options share the row (thumb-sized); eleven (NPS) wrap at 44 px each.
              ...(scores.length <= 7 ? { flex: '1 1 0', maxWidth: 80 } : {}),
              minWidth: 44,
              height: 48,
              lineHeight: '46px',
              fontSize: 18,
              textAlign: 'center',
              borderRadius: 8,
              borderInlineStartWidth: 1,
              ...(invalid && value === undefined ? { borderColor: '#ff4d4f' } : {}),
            }}
          >
            {s}
          </Radio.Button>
        ))}
      </Radio.Group>
      <Flex id={`${id}-ends`} justify="space-between" style={{ marginTop: 4, fontSize: 13 }}>
        <Typography.Text type="secondary">
          {min} = {low}
        </Typography.Text>
        <Typography.Text type="secondary">
          {max} = {high}
        </Typography.Text>
      </Flex>
    </fieldset>
  );
}
