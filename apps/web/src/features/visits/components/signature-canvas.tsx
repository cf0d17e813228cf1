import { Button, Flex, Typography } from 'antd';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import SignaturePad from 'signature_pad';

export interface SignatureCanvasHandle {
  /** The drawing as a PNG data URL, or null when nothing was drawn. */
  toPng(): string | null;
  clear(): void;
}

/**
 * A signature drawn with a finger (signature_pad): sized to its box and the screen's pixel ratio so the strokes
 * stay sharp on phones; redrawn when the box resizes (rotation).
 */
export const SignatureCanvas = forwardRef<SignatureCanvasHandle, { hint: string; clearLabel: string }>(
  function SignatureCanvas({ hint, clearLabel }, ref) {
    const canvas = useRef<HTMLCanvasElement>(null);
    const pad = useRef<SignaturePad | null>(null);

    useEffect(() => {
      const el = canvas.current;
      if (!el) return;
      const p = new SignaturePad(el, { backgroundColor: 'rgb(255,255,255)', penColor: '#1f1f1f' });
      pad.current = p;
      const fit = () => {
        const data = p.toData();
        const ratio = Math.max(window.devicePixelRatio || 1, 1);
        el.width = el.offsetWidth * ratio;
        el.height = el.offsetHeight * ratio;
        el.getContext('2d')?.scale(ratio, ratio);
        p.clear();
        p.fromData(data);
      };
      fit();
      const observer = new ResizeObserver(fit);
      observer.observe(el);
      return () => {
        observer.disconnect();
        p.off();
      };
    }, []);

    useImperativeHandle(ref, () => ({
      toPng: () => (pad.current && !pad.current.isEmpty() ? pad.current.toDataURL('image/png') : null),
      clear: () => pad.current?.clear(),
    }));

    return (
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="center">
          <Typography.Text type="secondary">{hint}</Typography.Text>
          <Button size="small" onClick={() => pad.current?.clear()}>
            {clearLabel}
          </Button>
        </Flex>
        <canvas
          ref={canvas}
          data-testid="signature-canvas"
          style={{
            width: '100%',
            height: 180,
            border: '1px dashed #bfbfbf',
            borderRadius: 8,
            touchAction: 'none',
            background: '#fff',
          }}
        />
      </Flex>
    );
  },
);
