import { Alert } from "@/components/ui/alert";

/** Why a one-time link cannot be used: the page's only content then (no form, no other way on). */
export function LinkVerdict({ children, testId }: { children: React.ReactNode; testId: string }) {
  return (
    <Alert tone="warning" role={null} testId={testId} className="mt-4">
      {children}
    </Alert>
  );
}
