export function Card({
  children,
  className = "",
  as: Tag = "div",
  ...rest
}: {
  children: React.ReactNode;
  className?: string;
  as?: "div" | "section" | "article" | "aside";
} & Omit<React.HTMLAttributes<HTMLElement>, "className" | "children">) {
  return (
    <Tag className={`rounded-2xl border border-stone-200 bg-white shadow-sm ${className}`} {...rest}>
      {children}
    </Tag>
  );
}
