// Who may do what in the back office. Two roles, in order: staff do the day-to-day work (orders,
// Check Status, resending emails); an owner does all of that and also manages accounts, and in
// later issues cancels paid orders, refunds and changes the catalogue and stock. Pure, so pages,
// actions and tests share it.
import { userRoles, type UserRole } from "@/lib/db/schema/values";

export { userRoles, type UserRole };

const rank: Record<UserRole, number> = { staff: 1, owner: 2 };

/** Whether someone with `role` may do what needs `needed`. */
export function allows(role: UserRole, needed: UserRole): boolean {
  return rank[role] >= rank[needed];
}
