// Product pictures are local square SVGs under /public/products.
import Image from "next/image";

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
    <Image
      src={src}
      alt={alt}
      width={size}
      height={size}
      unoptimized
      preload={preload}
      className={`aspect-square bg-stone-100 object-cover ${className}`}
    />
  );
}
