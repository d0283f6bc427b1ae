// The white, bordered, rounded panel every shop and back-office section sits in. cardClass is for
// an element Card cannot be (next/form's <Form>), like buttonClass for links.
export function cardClass(className = ""): string {
  return `rounded-2xl border border-stone-200 bg-white shadow-sm${className ? ` ${className}` : ""}`;
}

export function Card({
  children,
  className = "",
  as: Tag = "div",
  ...rest
}: {
  children: React.ReactNode;
  className?: string;
  as?: "div" | "section" | "article" | "aside" | "ul";
} & Omit<React.HTMLAttributes<HTMLElement>, "className" | "children">) {
  return (
    <Tag className={cardClass(className)} {...rest}>
      {children}
    </Tag>
  );
}
