// Product pictures are local square SVGs under /public/products: vectors need no resizing, so a
// plain <img> does the job without shipping next/image's client code.
export function ProductImage({
  src,
  alt,
  size,
  className = "",
  preload = false,
}: {
  src: string;
  alt: string;
  size: number;
  className?: string;
  preload?: boolean;
}) {
  return (
    // eslint-disable-next-line @next/next/no-img-element -- see above: nothing for next/image to optimise
    <img
      src={src}
      alt={alt}
      width={size}
      height={size}
      decoding="async"
      loading={preload ? "eager" : "lazy"}
      fetchPriority={preload ? "high" : undefined}
      className={`aspect-square bg-stone-100 object-cover ${className}`}
    />
  );
}
