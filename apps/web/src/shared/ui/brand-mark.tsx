/** The product's mark (a smile in a rounded square); decorative, so hidden from screen readers. */
export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="#1668dc" />
      <path
        d="M9 17.5c1.6 3.2 4 4.8 7 4.8s5.4-1.6 7-4.8"
        fill="none"
        stroke="#fff"
        strokeWidth="2.8"
        strokeLinecap="round"
      />
      <circle cx="11.5" cy="12" r="1.9" fill="#fff" />
      <circle cx="20.5" cy="12" r="1.9" fill="#fff" />
    </svg>
  );
}
