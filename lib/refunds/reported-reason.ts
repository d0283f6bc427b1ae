// The reason written on a refund the shop learnt of only from DOKU's REFUNDED. Pure: the refund
// panel imports it to word that case in the reader's language.
export const REPORTED_BY_DOKU = "reported by DOKU";
